using System.Text;
using CliWrap;
using Peepshow.Core.Media;
using Peepshow.Core.Processes;
using Peepshow.Core.Transcription;

namespace Peepshow.Core.Doctor;

/// <summary>
/// <c>peepshow doctor</c>: what a run on this machine would use and what is missing, found the same way a
/// run finds it (so the answer cannot disagree with the run), with one actionable line per gap.
/// </summary>
public sealed record DoctorReport
{
    public FfmpegInstallation? Ffmpeg { get; init; }

    public string? FfmpegVersion { get; init; }

    public string? FfprobeVersion { get; init; }

    /// <summary>Why ffmpeg or ffprobe cannot be used, as a run would say it.</summary>
    public string? FfmpegProblem { get; init; }

    /// <summary>The yt-dlp on PATH that page URLs are downloaded with; null when it is not installed (it is optional).</summary>
    public string? YtDlp { get; init; }

    public string? YtDlpVersion { get; init; }

    /// <summary>Why <c>PEEPSHOW_YTDLP_ARGS</c> would stop a run, as the run would say it.</summary>
    public string? YtDlpArgsProblem { get; init; }

    public required TranscriptionDiagnosis Transcription { get; init; }

    /// <summary>The <c>.env</c> in use and each auto-sink's variables; null when not inspected.</summary>
    public AutoSinkReadiness? Sinks { get; init; }

    /// <summary>0 when a run has what it needs; 3 (as for a run) when ffmpeg or ffprobe is missing.</summary>
    public int ExitCode => Ffmpeg is null ? ExitCodes.FfmpegMissing : ExitCodes.Ok;

    public static async Task<DoctorReport> InspectAsync(Func<string, string?> env, string workingDirectory, string? transcribe, CancellationToken cancellationToken)
    {
        var transcription = TranscriptionDiagnosis.Diagnose(transcribe, disabled: false, TranscriptionSettings.FromEnvironment(env, workingDirectory));
        var (ytDlp, ytDlpVersion, ytDlpArgsProblem) = await InspectYtDlpAsync(env, workingDirectory, cancellationToken);
        var report = new DoctorReport { YtDlp = ytDlp, YtDlpVersion = ytDlpVersion, YtDlpArgsProblem = ytDlpArgsProblem, Transcription = transcription };
        try
        {
            var ffmpeg = FfmpegLocator.Locate(env, workingDirectory);
            return report with
            {
                Ffmpeg = ffmpeg,
                FfmpegVersion = await VersionAsync(ffmpeg.FfmpegPath, cancellationToken),
                FfprobeVersion = await VersionAsync(ffmpeg.FfprobePath, cancellationToken),
            };
        }
        catch (PeepshowException ex) when (ex.ExitCode == ExitCodes.FfmpegMissing)
        {
            return report with { FfmpegProblem = ex.Hint is null ? ex.Message : $"{ex.Message} ({ex.Hint})" };
        }
    }

    /// <summary>yt-dlp found as a run finds it, its version, and what is wrong with <c>PEEPSHOW_YTDLP_ARGS</c> if anything.</summary>
    private static async Task<(string? Path, string? Version, string? ArgsProblem)> InspectYtDlpAsync(Func<string, string?> env, string workingDirectory, CancellationToken cancellationToken)
    {
        string? argsProblem = null;
        try
        {
            Inputs.YtDlp.FromEnvironment(env, workingDirectory);
        }
        catch (PeepshowException ex)
        {
            argsProblem = ex.Message;
        }
        var path = Inputs.YtDlp.Find(env, workingDirectory);
        return (path, path is null ? null : await Inputs.YtDlp.VersionAsync(path, cancellationToken), argsProblem);
    }

    public string ToText()
    {
        var text = new StringBuilder();
        void Line(string label, string value) => text.Append("  ").Append(label.PadRight(12)).Append(' ').Append(value).Append('\n');

        text.Append("media\n");
        if (Ffmpeg is { } ffmpeg)
        {
            var source = ffmpeg.Source == FfmpegInstallation.SourceEnv ? FfmpegLocator.FfmpegEnv : "PATH";
            Line("ffmpeg", $"{ffmpeg.FfmpegPath} (from {source}), version {FfmpegVersion ?? "unknown"}");
            Line("ffprobe", $"{ffmpeg.FfprobePath}, version {FfprobeVersion ?? "unknown"}");
        }
        else
        {
            Line("ffmpeg", $"missing: {FfmpegProblem}");
        }
        Line("yt-dlp", YtDlp is null
            ? $"not installed: page URLs (YouTube, Vimeo, a page with a <video>) are refused; install it with: {Inputs.YtDlp.InstallHint}"
            : $"{YtDlp}, version {YtDlpVersion ?? "unknown"} (downloads the video of page URLs)");
        if (YtDlpArgsProblem is not null)
            Line("", $"{YtDlpArgsProblem}: every run stops with exit 2 until it is fixed");

        text.Append("transcription\n");
        foreach (var (label, value) in Transcription.Lines())
            Line(label, value);

        if (Sinks is { } sinks)
        {
            text.Append("sinks\n");
            foreach (var (label, value) in sinks.Lines)
                Line(label, value);
        }

        IReadOnlyList<string> todo =
        [
            .. Ffmpeg is null ? [$"install ffmpeg: {InstallHint.ForThisMachine()}"] : Array.Empty<string>(),
            .. YtDlpArgsProblem is null ? Array.Empty<string>() : [$"fix {Inputs.YtDlp.ArgsEnv} (shell words, quoted as in sh) or unset it"],
            .. Transcription.ToDo,
            .. Sinks?.ToDo ?? [],
            .. YtDlp is null ? [$"optional, for page URLs: install yt-dlp: {Inputs.YtDlp.InstallHint}"] : Array.Empty<string>(),
        ];
        if (todo.Count > 0)
        {
            text.Append("to do\n");
            foreach (var item in todo)
                text.Append("  - ").Append(item).Append('\n');
        }
        text.Append(ExitCode == ExitCodes.Ok
            ? Transcription.Choice.Transcriber is null or UnavailableTranscriber
                ? "ready: peepshow can run (frames and audio; no transcript until the above is done)\n"
                : "ready: peepshow can run, with transcripts\n"
            : "not ready: peepshow needs ffmpeg and ffprobe\n");
        return text.ToString();
    }

    private static async Task<string?> VersionAsync(string program, CancellationToken cancellationToken)
    {
        try
        {
            var result = await Cli.Wrap(program).WithArguments("-version")
                .RunBufferedAsync(TimeSpan.FromSeconds(15), maxCharsPerStream: 64 * 1024, cancellationToken);
            return result.IsSuccess ? Media.FfmpegVersion.Parse(result.StandardOutput).Text : null;
        }
        catch (CommandStartException)
        {
            return null;
        }
    }
}
