using Peepshow.Core.Media;
using Peepshow.Testing;

namespace Peepshow.Core.Tests.Media;

public sealed class FfmpegLocatorSpecs
{
    [Fact]
    public void Ffmpeg_is_found_on_path_with_ffprobe_beside_it()
    {
        var found = FfmpegLocator.Locate(name => name == "PATH" ? Environment.GetEnvironmentVariable("PATH") : null, Environment.CurrentDirectory);

        Assert.Equal(FfmpegInstallation.SourceSystem, found.Source);
        Assert.EndsWith("/ffmpeg", found.FfmpegPath);
        Assert.EndsWith("/ffprobe", found.FfprobePath);
    }

    [Fact]
    public void Peepshow_ffmpeg_wins_over_path_and_is_reported_as_env()
    {
        using var dir = new TempDir();
        var ffmpeg = Executable(dir, "ffmpeg");
        var ffprobe = Executable(dir, "ffprobe");

        var found = FfmpegLocator.Locate(name => name switch
        {
            "PEEPSHOW_FFMPEG" => ffmpeg,
            "PATH" => Environment.GetEnvironmentVariable("PATH"),
            _ => null,
        }, Environment.CurrentDirectory);

        Assert.Equal((ffmpeg, ffprobe, "env"), (found.FfmpegPath, found.FfprobePath, found.Source));
    }

    [Fact]
    public void No_ffmpeg_anywhere_is_exit_3_with_the_install_command_in_the_message()
    {
        using var dir = new TempDir();

        var ex = Assert.Throws<PeepshowException>(() => FfmpegLocator.Locate(name => name == "PATH" ? dir.Path : null, dir.Path));

        Assert.Equal(ExitCodes.FfmpegMissing, ex.ExitCode);
        Assert.Equal($"ffmpeg not found on PATH; install it with: {InstallHint.ForThisMachine()}", ex.Message);
        Assert.Contains("PEEPSHOW_FFMPEG", ex.Hint);
    }

    [Fact]
    public void A_peepshow_ffmpeg_that_does_not_exist_is_exit_3()
    {
        var ex = Assert.Throws<PeepshowException>(() => FfmpegLocator.Locate(name => name == "PEEPSHOW_FFMPEG" ? "/nonexistent/ffmpeg" : null, Environment.CurrentDirectory));

        Assert.Equal(ExitCodes.FfmpegMissing, ex.ExitCode);
        Assert.Contains("/nonexistent/ffmpeg", ex.Message);
    }

    [Theory]
    [InlineData("debian", null, "apt-get install -y ffmpeg")]
    [InlineData("ubuntu", "debian", "apt-get install -y ffmpeg")]
    [InlineData("fedora", null, "dnf install -y ffmpeg")]
    [InlineData("rocky", "rhel centos fedora", "dnf install -y ffmpeg")]
    [InlineData("arch", null, "pacman -S ffmpeg")]
    [InlineData("alpine", null, "apk add ffmpeg")]
    public void The_install_command_matches_the_linux_distribution(string id, string? like, string command)
    {
        var release = new Dictionary<string, string> { ["ID"] = id };
        if (like is not null)
            release["ID_LIKE"] = like;

        Assert.EndsWith(command, InstallHint.ForLinux(release));
    }

    private static string Executable(TempDir dir, string name)
    {
        var path = dir.Combine(name);
        File.WriteAllText(path, "#!/bin/sh\nexit 0\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
