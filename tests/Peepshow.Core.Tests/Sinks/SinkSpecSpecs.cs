using Peepshow.Core.Sinks;

namespace Peepshow.Core.Tests.Sinks;

public sealed class SinkSpecSpecs
{
    [Fact]
    public void A_name_with_colons_becomes_the_sink_name_and_its_arguments()
    {
        var spec = SinkSpec.ParseName("folder:/tmp/shared:b");

        Assert.Equal(SinkKind.Name, spec.Kind);
        Assert.Equal("folder", spec.Name);
        Assert.Equal(["/tmp/shared", "b"], spec.Args);
        Assert.Equal("folder", spec.DisplayName);
        Assert.Equal("folder:/tmp/shared:b", spec.Display);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("../evil")]
    [InlineData("x;rm -rf ~")]
    [InlineData("$(id)")]
    [InlineData("naïve")]
    [InlineData(":arg")]
    public void Names_outside_the_safe_alphabet_are_refused_with_exit_2(string text)
    {
        var ex = Assert.Throws<PeepshowException>(() => SinkSpec.ParseName(text));

        Assert.Equal(ExitCodes.BadArguments, ex.ExitCode);
        Assert.Contains("not a valid sink name", ex.Message);
    }

    [Theory]
    [InlineData("peepshow-sink-cassandra --dry-run", "cmd:peepshow-sink-cassandra")]
    [InlineData("FOO=1 BAR='x' /usr/local/bin/jq -c .", "cmd:jq")]
    [InlineData("'my sink' | tee x", "cmd:my")]
    public void A_command_sink_is_called_after_the_program_it_starts(string command, string expected)
    {
        Assert.Equal(expected, SinkSpec.ForCommand(command).DisplayName);
    }

    [Fact]
    public void An_empty_command_is_refused()
    {
        Assert.Equal(ExitCodes.BadArguments, Assert.Throws<PeepshowException>(() => SinkSpec.ForCommand("  ")).ExitCode);
    }
}
