namespace Peepshow.Core.Media;

/// <summary>The ffmpeg and ffprobe this run uses, and where they came from (payload <c>extraction.ffmpegSource</c>).</summary>
public sealed record FfmpegInstallation(string FfmpegPath, string FfprobePath, string Source)
{
    /// <summary><c>PEEPSHOW_FFMPEG</c> pointed at it.</summary>
    public const string SourceEnv = "env";

    /// <summary>Found on PATH.</summary>
    public const string SourceSystem = "system";
}
