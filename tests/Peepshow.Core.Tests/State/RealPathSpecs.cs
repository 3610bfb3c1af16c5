using Peepshow.Core.State;
using Peepshow.Testing;

namespace Peepshow.Core.Tests.State;

public sealed class RealPathSpecs
{
    [Fact]
    public void Links_anywhere_in_a_path_resolve_to_the_real_one_and_missing_parts_are_kept()
    {
        using var dir = new TempDir();
        var real = Directory.CreateDirectory(dir.Combine("real", "run")).FullName;
        File.CreateSymbolicLink(dir.Combine("direct"), real);
        File.CreateSymbolicLink(dir.Combine("parent"), dir.Combine("real"));
        File.CreateSymbolicLink(dir.Combine("relative"), "direct");
        File.CreateSymbolicLink(dir.Combine("loop"), dir.Combine("loop"));

        Assert.Equal(real, RealPath.Of(dir.Combine("direct")));
        Assert.Equal(Path.Combine(real, "frame_0001.jpg"), RealPath.Of(dir.Combine("parent", "run", "frame_0001.jpg")));
        Assert.Equal(real, RealPath.Of(dir.Combine("relative") + "/"));
        Assert.Equal(dir.Combine("loop"), RealPath.Of(dir.Combine("loop")));
    }
}
