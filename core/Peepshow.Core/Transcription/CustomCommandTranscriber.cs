using System.Text.Json;
using CliWrap;
using Peepshow.Core.Processes;
using Peepshow.Protocol.Payload;

namespace Peepshow.Core.Transcription;

/// <summary>
/// <c>PEEPSHOW_TRANSCRIBE_CMD</c> run through <c>/bin/sh -c</c>: the 16 kHz mono WAV on stdin (a format every
/// speech tool reads, and one that streams, unlike MP4), <c>{segments:[{start,end,text}], text}</c> JSON on
/// stdout. A non-zero exit means skipped, with the first stderr line as the reason.
/// </summary>
public sealed class CustomCommandTranscriber(string shellCommand, TranscriptionSettings settings) : ITranscriber
{
    public const string ProviderName = "custom";

    /// <summary>Set for the command: the compressed <c>audio.m4a</c>, for tools that would rather read a file.</summary>
    public const string AudioFileEnv = "PEEPSHOW_AUDIO_FILE";

    /// <summary>Set for the command: the audio's duration in seconds.</summary>
    public const string AudioDurationEnv = "PEEPSHOW_AUDIO_DURATION_SECONDS";

    private const int MaxStdoutChars = 16 * 1024 * 1024;

    public string Name => ProviderName;

    public string Model { get; } = settings.Model ?? "custom";

    public bool NeedsWav => true;

    public async Task<TranscriptInfo> TranscribeAsync(TranscriptionRequest request, CancellationToken cancellationToken)
    {
        var wav = request.WavPath ?? throw new InvalidOperationException("the custom provider needs the WAV the audio pass writes");
        var stdout = new TailBuffer(MaxStdoutChars);
        var stderr = new TailBuffer(64 * 1024);
        var command = Cli.Wrap("/bin/sh")
            .WithArguments(["-c", shellCommand])
            .WithEnvironmentVariables(settings.EnvironmentChanges)
            .WithStandardInputPipe(PipeSource.FromFile(wav))
            .WithStandardOutputPipe(stdout.ToPipeTarget())
            .WithStandardErrorPipe(stderr.ToPipeTarget())
            .WithEnvironmentVariable(AudioFileEnv, request.AudioPath)
            .WithEnvironmentVariable(AudioDurationEnv, request.DurationSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture))
            .WithWorkingDirectory(request.WorkDir);

        var result = await command.RunAsync(settings.Timeout, cancellationToken);
        if (result.TimedOut)
            throw new TranscriptionSkippedException($"{TranscriptionEnv.Command} took longer than {settings.Timeout.TotalSeconds:0} s and was stopped");
        if (result.ExitCode != 0)
        {
            var first = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
            throw new TranscriptionSkippedException(first ?? $"{TranscriptionEnv.Command} exited with code {result.ExitCode}");
        }
        if (stdout.Truncated)
            throw new TranscriptionSkippedException($"{TranscriptionEnv.Command} printed more than {MaxStdoutChars / 1048576} MB");

        CustomTranscriptJson? output;
        try
        {
            output = JsonSerializer.Deserialize(stdout.ToString(), CoreJsonContext.Default.CustomTranscriptJson);
        }
        catch (JsonException ex)
        {
            throw new TranscriptionSkippedException($"{TranscriptionEnv.Command} did not print {{segments,text}} JSON: {ex.Message}", ex);
        }
        if (output is null || (output.Segments is null && output.Text is null))
            throw new TranscriptionSkippedException($"{TranscriptionEnv.Command} did not print {{segments,text}} JSON");

        // A tool that only knows the text still gives a usable transcript: one segment spanning the audio.
        var segments = output.Segments?.Select(s => new TranscriptSegment(s.Start, s.End, s.Text ?? "")).ToList()
            ?? [new TranscriptSegment(0, request.DurationSeconds, output.Text!)];
        var transcript = Transcripts.Build(ProviderName, output.Model ?? Model, output.Language ?? (settings.IsLanguageAuto ? null : settings.Language), request.DurationSeconds, segments);
        return output.Text is { } text && !string.IsNullOrWhiteSpace(text) ? transcript with { Text = text.Trim() } : transcript;
    }
}
