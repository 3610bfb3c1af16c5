using Peepshow.Core.Processes;

namespace Peepshow.Core.Media;

/// <summary>
/// Finds ffmpeg and ffprobe: <c>PEEPSHOW_FFMPEG</c> / <c>PEEPSHOW_FFPROBE</c> first, then PATH. A missing
/// binary is exit 3 with the install command for this OS in the message, so even a user who silenced
/// hints learns how to fix it.
/// </summary>
public static class FfmpegLocator
{
    public const string FfmpegEnv = "PEEPSHOW_FFMPEG";
    public const string FfprobeEnv = "PEEPSHOW_FFPROBE";

    /// <param name="workingDirectory">Where a relative <c>PEEPSHOW_FFMPEG</c> or PATH folder starts: the folder peepshow was started in.</param>
    public static FfmpegInstallation Locate(Func<string, string?> env, string workingDirectory)
    {
        var install = InstallHint.ForThisMachine();

        string ffmpeg;
        string source;
        var custom = env(FfmpegEnv);
        if (!string.IsNullOrWhiteSpace(custom))
        {
            ffmpeg = ResolveExplicit(custom, "ffmpeg", env, workingDirectory)
                ?? throw new PeepshowException(ExitCodes.FfmpegMissing, $"{FfmpegEnv} points to '{custom}', which is not an executable file")
                { Hint = $"unset {FfmpegEnv} to use ffmpeg from PATH, or install it: {install}" };
            source = FfmpegInstallation.SourceEnv;
        }
        else
        {
            ffmpeg = ExecutableLookup.FindOnPath("ffmpeg", env, workingDirectory)
                ?? throw new PeepshowException(ExitCodes.FfmpegMissing, $"ffmpeg not found on PATH; install it with: {install}")
                { Hint = $"or point {FfmpegEnv} at an ffmpeg binary (5.1 or newer)" };
            source = FfmpegInstallation.SourceSystem;
        }

        string ffprobe;
        var customProbe = env(FfprobeEnv);
        if (!string.IsNullOrWhiteSpace(customProbe))
        {
            ffprobe = ResolveExplicit(customProbe, "ffprobe", env, workingDirectory)
                ?? throw new PeepshowException(ExitCodes.FfmpegMissing, $"{FfprobeEnv} points to '{customProbe}', which is not an executable file");
        }
        else
        {
            // ffprobe ships next to ffmpeg in every distribution; prefer the sibling so the pair matches.
            var sibling = Path.Combine(Path.GetDirectoryName(ffmpeg)!, ExecutableLookup.ExecutableName("ffprobe"));
            ffprobe = ExecutableLookup.IsExecutableFile(sibling) ? sibling : ExecutableLookup.FindOnPath("ffprobe", env, workingDirectory)
                ?? throw new PeepshowException(ExitCodes.FfmpegMissing, $"ffprobe not found next to {ffmpeg} or on PATH; install it with: {install}")
                { Hint = $"or point {FfprobeEnv} at an ffprobe binary" };
        }

        return new FfmpegInstallation(ffmpeg, ffprobe, source);
    }

    // A bare name ("ffmpeg7") is looked up on PATH like a shell would; anything with a slash is a path (or a folder holding it).
    private static string? ResolveExplicit(string value, string name, Func<string, string?> env, string workingDirectory) =>
        ExecutableLookup.Resolve(value, env, workingDirectory, nameInFolder: name);
}
