using System.Text.RegularExpressions;

namespace Peepshow.Core.Media;

/// <summary>The ffmpeg release in use, for the manifest and for the few options that changed between releases.</summary>
public sealed partial record FfmpegVersion(string Text, int? Major, int? Minor)
{
    public static FfmpegVersion Unknown { get; } = new("unknown", null, null);

    /// <summary><c>-fps_mode</c> exists from 5.1; git snapshots (<c>N-…</c>) are assumed current.</summary>
    public bool HasFpsMode => Major is null || Major > 5 || (Major == 5 && Minor >= 1);

    /// <summary><c>showinfo=checksum=0</c> exists from 4.4 (possibly earlier; 4.4 is the oldest release checked).</summary>
    public bool HasShowinfoChecksumOption => Major is null || Major > 4 || (Major == 4 && Minor >= 4);

    /// <summary>Reads the first line of <c>ffmpeg -version</c>: <c>ffmpeg version 5.1.6-0+deb12u1 …</c>, <c>n7.1</c>, <c>N-11234-gabc</c>.</summary>
    public static FfmpegVersion Parse(string versionOutput)
    {
        var match = VersionLine().Match(versionOutput);
        return match.Success ? FromVersionText(match.Groups[1].Value) : Unknown;
    }

    /// <summary>A bare version as ffprobe's <c>program_version.version</c> reports it.</summary>
    public static FfmpegVersion FromVersionText(string text)
    {
        var numbers = Numbers().Match(text);
        return numbers.Success
            ? new FfmpegVersion(text, int.Parse(numbers.Groups[1].Value), int.Parse(numbers.Groups[2].Value))
            : new FfmpegVersion(text, null, null);
    }

    [GeneratedRegex(@"version\s+(\S+)")]
    private static partial Regex VersionLine();

    [GeneratedRegex(@"^n?(\d+)\.(\d+)")]
    private static partial Regex Numbers();
}
