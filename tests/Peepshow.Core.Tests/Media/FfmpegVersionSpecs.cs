using CliWrap;
using Peepshow.Core.Media;
using Peepshow.Core.Processes;

namespace Peepshow.Core.Tests.Media;

public sealed class FfmpegVersionSpecs
{
    [Theory]
    [InlineData("ffmpeg version 5.1.6-0+deb12u1 Copyright (c) 2000-2024 the FFmpeg developers", 5, 1)]
    [InlineData("ffmpeg version 4.4.2-0ubuntu0.22.04.1 Copyright (c) 2000-2021 the FFmpeg developers", 4, 4)]
    [InlineData("ffmpeg version n7.1 Copyright (c) 2000-2024 the FFmpeg developers", 7, 1)]
    public void A_release_is_read_from_the_first_line_of_ffmpeg_version(string line, int major, int minor)
    {
        var version = FfmpegVersion.Parse(line);

        Assert.Equal(major, version.Major);
        Assert.Equal(minor, version.Minor);
    }

    [Fact]
    public void A_git_snapshot_has_no_release_number_and_counts_as_current()
    {
        var version = FfmpegVersion.Parse("ffmpeg version N-112233-gabcdef0 Copyright (c) 2000-2026 the FFmpeg developers");

        Assert.Null(version.Major);
        Assert.True(version.HasFpsMode);
        Assert.True(version.HasShowinfoChecksumOption);
    }

    [Theory]
    [InlineData("4.3.6", false, false)]
    [InlineData("4.4.2", false, true)]
    [InlineData("5.0.1", false, true)]
    [InlineData("5.1.6", true, true)]
    [InlineData("7.1", true, true)]
    public void Options_that_changed_between_releases_are_used_only_where_they_exist(string release, bool fpsMode, bool showinfoChecksum)
    {
        var version = FfmpegVersion.FromVersionText(release);

        Assert.Equal(fpsMode, version.HasFpsMode);
        Assert.Equal(showinfoChecksum, version.HasShowinfoChecksumOption);
    }

    [Fact(Timeout = 30000)]
    public async Task The_installed_ffmpeg_accepts_showinfo_without_checksums_when_its_version_says_so()
    {
        // The claim the analysis graph relies on, checked against the real ffmpeg of this machine.
        var ffmpeg = FfmpegLocator.Locate(EnvironmentVariables.Process.Get, Environment.CurrentDirectory).FfmpegPath;
        var version = FfmpegVersion.Parse((await Cli.Wrap(ffmpeg).WithArguments(["-version"]).RunBufferedAsync(cancellationToken: TestContext.Current.CancellationToken)).StandardOutput);
        Assert.True(version.HasShowinfoChecksumOption, $"this machine's ffmpeg ({version.Text}) is older than the specs expect");

        var help = await Cli.Wrap(ffmpeg).WithArguments(["-hide_banner", "-h", "filter=showinfo"]).RunBufferedAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Contains("checksum", help.StandardOutput, StringComparison.Ordinal);
    }
}
