using System.Globalization;
using System.Text.Json;
using CliWrap;
using Peepshow.Core.Processes;
using Peepshow.Protocol.Payload;

namespace Peepshow.Core.Transcription;

/// <summary>
/// Local transcription with whisper.cpp's <c>whisper-cli</c>: 16 kHz mono WAV in, <c>-oj</c> JSON out.
/// The model is fetched on first use (<see cref="WhisperModelStore"/>).
/// </summary>
public sealed class WhisperCppTranscriber(string executable, TranscriptionSettings settings) : ITranscriber
{
    public const string ProviderName = "whisper-cpp";

    public const string DefaultModel = "base.en";

    /// <summary>The name whisper.cpp installs today, then the packaged name some distributions used before the rename.</summary>
    public static readonly IReadOnlyList<string> ProgramNames = ["whisper-cli", "whisper-cpp"];

    public string Name => ProviderName;

    public string Model { get; } = settings.Model ?? DefaultModel;

    public string Executable => executable;

    public bool NeedsWav => true;

    /// <summary>
    /// <c>PEEPSHOW_WHISPER_CPP</c> (a path, or a name on PATH; the legacy <c>main</c>/<c>whisper</c> binaries are
    /// accepted there), else <see cref="ProgramNames"/> on PATH. Bare legacy names are never auto-detected on PATH:
    /// <c>main</c> is far too generic and <c>whisper</c> is usually the Python CLI, which takes other arguments.
    /// </summary>
    public static string? Locate(TranscriptionSettings settings)
    {
        if (settings.WhisperCpp is { } configured)
            return ExecutableLookup.Resolve(configured, settings.Env, settings.WorkingDirectory);
        return ProgramNames.Select(name => ExecutableLookup.FindOnPath(name, settings.Env, settings.WorkingDirectory)).FirstOrDefault(path => path is not null);
    }

    public async Task<TranscriptInfo> TranscribeAsync(TranscriptionRequest request, CancellationToken cancellationToken)
    {
        var wav = request.WavPath ?? throw new InvalidOperationException("whisper-cpp needs the WAV the audio pass writes");
        var model = await new WhisperModelStore(settings).EnsureAsync(Model, cancellationToken);
        var outputBase = Path.Combine(request.WorkDir, "whisper");
        var jsonPath = outputBase + ".json";

        var command = Cli.Wrap(executable)
            .WithArguments([
                "-m", model,
                "-f", wav,
                "-l", settings.IsLanguageAuto ? "auto" : settings.Language,
                "-t", Math.Clamp(Environment.ProcessorCount, 1, 8).ToString(CultureInfo.InvariantCulture),
                "-oj",
                "-of", outputBase,
                "-np"]);

        BufferedProcessResult result;
        try
        {
            result = await command.RunBufferedAsync(settings.Timeout, maxCharsPerStream: 64 * 1024, cancellationToken);
        }
        catch (CommandStartException ex)
        {
            throw new TranscriptionSkippedException($"cannot start whisper-cli ({ex.InnerException?.Message ?? ex.Message}); check {TranscriptionEnv.WhisperCpp} or PATH", ex);
        }

        if (result.TimedOut)
            throw new TranscriptionSkippedException($"whisper-cli took longer than {settings.Timeout.TotalSeconds:0} s and was stopped (raise {TranscriptionEnv.TimeoutSeconds} or pick a smaller model)");
        if (result.ExitCode != 0)
        {
            var why = LastErrorLine(result.StandardError) ?? $"exit code {result.ExitCode}";
            var hint = result.ExitCode == 3 ? $"; the model file may be damaged: delete {model} to download it again" : "";
            throw new TranscriptionSkippedException($"whisper-cli failed (exit {result.ExitCode}): {why}{hint}");
        }
        // whisper-cli exits 0 after an unknown argument or an unreadable WAV, so the JSON file is the real verdict.
        if (!File.Exists(jsonPath))
            throw new TranscriptionSkippedException($"whisper-cli wrote no JSON output: {LastErrorLine(result.StandardError) ?? "no error message"}");

        try
        {
            var (language, segments) = WhisperCppOutput.Parse(await File.ReadAllBytesAsync(jsonPath, cancellationToken));
            return Transcripts.Build(ProviderName, Model, language ?? (settings.IsLanguageAuto ? null : settings.Language), request.DurationSeconds, segments);
        }
        catch (JsonException ex)
        {
            throw new TranscriptionSkippedException($"whisper-cli wrote JSON peepshow cannot read: {ex.Message}", ex);
        }
    }

    /// <summary>The most telling stderr line: the last <c>error:</c> line, else the last non-empty one.</summary>
    internal static string? LastErrorLine(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.LastOrDefault(l => l.StartsWith("error", StringComparison.OrdinalIgnoreCase)) ?? lines.LastOrDefault();
    }
}
