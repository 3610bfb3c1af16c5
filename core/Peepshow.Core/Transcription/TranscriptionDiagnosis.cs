using System.Globalization;

namespace Peepshow.Core.Transcription;

/// <summary>
/// The transcription half of <c>peepshow doctor</c>: which provider a run would use and why, the in-process
/// whisper runtime, the whisper.cpp program, the models, which API key variables are set (never their values), and what to do about gaps.
/// </summary>
public sealed record TranscriptionDiagnosis
{
    public required TranscriberChoice Choice { get; init; }

    public string? WhisperCli { get; init; }

    /// <summary>The whisper provider's native runtime folder.</summary>
    public required string WhisperRuntimeDir { get; init; }

    /// <summary>Why the whisper provider cannot run on this machine; null when it can.</summary>
    public string? WhisperRuntimeProblem { get; init; }

    public required string ModelDir { get; init; }

    /// <summary>The local model a run would use (<c>PEEPSHOW_TRANSCRIBE_MODEL</c>, else the local provider's default).</summary>
    public required string Model { get; init; }

    public required string ModelPath { get; init; }

    public required string ModelUrl { get; init; }

    public bool ModelPresent { get; init; }

    /// <summary>Models in <see cref="ModelDir"/> with their sizes.</summary>
    public IReadOnlyList<(string Name, long Bytes)> Installed { get; init; } = [];

    /// <summary>API key variables and whether each is set.</summary>
    public IReadOnlyList<(string Variable, bool Set)> Keys { get; init; } = [];

    public required string Language { get; init; }

    /// <summary>Things to install or set, each one actionable line.</summary>
    public IReadOnlyList<string> ToDo { get; init; } = [];

    public static TranscriptionDiagnosis Diagnose(string? requested, bool disabled, TranscriptionSettings settings)
    {
        var choice = TranscriberSelector.Choose(requested, disabled, settings);
        var store = new WhisperModelStore(settings);
        var cliChosen = choice.Transcriber is WhisperCppTranscriber or UnavailableTranscriber { Name: WhisperCppTranscriber.ProviderName };
        var model = settings.Model ?? (cliChosen ? WhisperCppTranscriber.DefaultModel : WhisperNetTranscriber.DefaultModel);
        var runtimeProblem = WhisperRuntime.Check(settings.WhisperRuntimeDir);
        var whisper = WhisperCppTranscriber.Locate(settings);
        var modelPath = WhisperModelStore.IsValidModelName(model) ? store.PathFor(model) : Path.Combine(store.Directory, WhisperModelStore.FileName(model));
        var modelPresent = File.Exists(modelPath) && WhisperModelStore.LooksLikeModel(modelPath);

        var todo = new List<string>();
        if (choice.Problem is { } problem)
            todo.Add(problem);
        if (whisper is null && (choice.Transcriber is null || cliChosen))
            todo.Add($"for local transcripts install whisper.cpp so whisper-cli is on PATH: {WhisperInstallHint()}");
        if (choice.Transcriber is WhisperCppTranscriber or WhisperNetTranscriber && !modelPresent)
            todo.Add(settings.ModelDownloadsOff
                ? $"downloads are off ({TranscriptionEnv.WhisperModelUrl}=off): fetch {store.UrlFor(model)} yourself and save it as {modelPath}"
                : $"the model {WhisperModelStore.FileName(model)} downloads on first use; offline, fetch {store.UrlFor(model)} yourself and save it as {modelPath}");

        return new TranscriptionDiagnosis
        {
            Choice = choice,
            WhisperCli = whisper,
            WhisperRuntimeDir = settings.WhisperRuntimeDir,
            WhisperRuntimeProblem = runtimeProblem,
            ModelDir = store.Directory,
            Model = model,
            ModelPath = modelPath,
            ModelUrl = store.UrlFor(model),
            ModelPresent = modelPresent,
            Installed = store.Installed().Select(m => (WhisperModelStore.FileName(m), new FileInfo(store.PathFor(m)).Length)).ToList(),
            Keys = [(TranscriptionEnv.OpenAiApiKey, settings.Get(TranscriptionEnv.OpenAiApiKey) is not null), (TranscriptionEnv.GroqApiKey, settings.Get(TranscriptionEnv.GroqApiKey) is not null)],
            Language = settings.Language,
            ToDo = todo,
        };
    }

    /// <summary>How to get whisper-cli on this OS: a package where one exists, else the two-line build.</summary>
    public static string WhisperInstallHint() =>
        OperatingSystem.IsMacOS()
            ? "brew install whisper-cpp"
            : "build it: git clone https://github.com/ggml-org/whisper.cpp && cmake -S whisper.cpp -B whisper.cpp/build && " +
              "cmake --build whisper.cpp/build -j --config Release, then put whisper.cpp/build/bin/whisper-cli on PATH (or set PEEPSHOW_WHISPER_CPP to it)";

    /// <summary>The report lines, aligned <c>label  value</c>.</summary>
    public IEnumerable<(string Label, string Value)> Lines()
    {
        yield return ("provider", Choice.Transcriber is { } t ? $"{t.Name} ({Choice.Reason})" : $"none ({Choice.Reason})");
        yield return ("whisper", WhisperRuntimeProblem is null ? $"in process (Whisper.net), runtime {WhisperRuntimeDir}" : $"unavailable: {WhisperRuntimeProblem}");
        yield return ("subtitles", Choice.SubtitlesFirst
            ? "used first: a text subtitle stream in the input (mov_text, subrip, webvtt, ass) or a sidecar .srt/.vtt beside it (clip.srt, clip.en.vtt) is the transcript, with no model"
            : Choice.Transcriber is null ? "not used (transcription is off)" : $"not used ({Choice.Transcriber.Name} was asked for by name)");
        yield return ("whisper-cli", WhisperCli ?? "not found (PATH, PEEPSHOW_WHISPER_CPP)");
        yield return ("model", $"{WhisperModelStore.FileName(Model)}: {(ModelPresent ? $"present at {ModelPath}" : $"not downloaded yet (from {ModelUrl}{(KnownWhisperModels.All.ContainsKey(Model) ? ", checked by size and SHA-256" : "")})")}");
        yield return ("model dir", Installed.Count == 0
            ? $"{ModelDir} (no models)"
            : $"{ModelDir}: {string.Join(", ", Installed.Select(m => $"{m.Name} ({m.Bytes / 1048576.0:0.0} MB)"))}");
        yield return ("language", Language);
        yield return ("api keys", string.Join(", ", Keys.Select(k => $"{k.Variable} {(k.Set ? "set" : "not set")}")));
    }

    public override string ToString() =>
        string.Join('\n', Lines().Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Label,-12} {l.Value}")));
}
