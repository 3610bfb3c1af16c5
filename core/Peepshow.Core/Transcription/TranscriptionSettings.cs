using System.Globalization;
using Peepshow.Core.Processes;
using Peepshow.Core.State;

namespace Peepshow.Core.Transcription;

/// <summary>
/// Everything transcription reads from the environment, read once per run so a provider never looks at
/// process-wide state on its own (and specs can hand in any environment they like).
/// </summary>
public sealed record TranscriptionSettings
{
    public const string DefaultModelBaseUrl = "https://huggingface.co/ggerganov/whisper.cpp/resolve/main";

    /// <summary>OpenAI documents a 25 MB upload cap; staying a little under it leaves room for the multipart framing.</summary>
    public const long DefaultMaxUploadBytes = 24 * 1024 * 1024;

    /// <summary>The environment the settings were read from; API keys are looked up here only when needed.</summary>
    public required Func<string, string?> Env { get; init; }

    /// <summary>Where a relative <c>PEEPSHOW_WHISPER_CPP</c>, model folder or PATH folder starts: the folder peepshow was started in.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>
    /// How <see cref="Env"/> differs from this process's environment (an allowed <c>.env</c>'s values, say): the custom
    /// command gets the same changes in its environment.
    /// </summary>
    public IReadOnlyDictionary<string, string?> EnvironmentChanges { get; init; } = new Dictionary<string, string?>();

    /// <summary>Raw <c>PEEPSHOW_TRANSCRIBE</c>.</summary>
    public string? Provider { get; init; }

    /// <summary><c>PEEPSHOW_TRANSCRIBE_MODEL</c>; null means the provider's default.</summary>
    public string? Model { get; init; }

    /// <summary>ISO-639-1 code or <c>auto</c>.</summary>
    public string Language { get; init; } = "auto";

    public string? Endpoint { get; init; }

    public string? Command { get; init; }

    /// <summary><c>PEEPSHOW_WHISPER_CPP</c>: a path, or a name looked up on PATH.</summary>
    public string? WhisperCpp { get; init; }

    public required string ModelDir { get; init; }

    public string ModelBaseUrl { get; init; } = DefaultModelBaseUrl;

    /// <summary><c>PEEPSHOW_WHISPER_MODEL_URL=off</c>: models are never downloaded, only used when already in <see cref="ModelDir"/>.</summary>
    public bool ModelDownloadsOff => string.Equals(ModelBaseUrl, "off", StringComparison.OrdinalIgnoreCase);

    /// <summary>Where the whisper provider's native runtime is (<c>runtimes/&lt;os&gt;-&lt;arch&gt;</c> beside the binary); specs point it elsewhere.</summary>
    public string WhisperRuntimeDir { get; init; } = WhisperRuntime.Directory;

    public long MaxUploadBytes { get; init; } = DefaultMaxUploadBytes;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>First retry delay of the HTTP provider (doubles per attempt). Specs shorten it.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Most attempts per HTTP request, including the first.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>Longest <c>Retry-After</c> we are willing to sit through in an interactive run (<see cref="OpenAiTranscriber.Policy"/>).</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Where model-download progress lines go (the CLI passes stderr); null is silent.</summary>
    public TextWriter? Progress { get; init; }

    public bool IsLanguageAuto => string.Equals(Language, "auto", StringComparison.OrdinalIgnoreCase);

    public static TranscriptionSettings FromEnvironment(Func<string, string?> env, string workingDirectory)
    {
        string? Get(string name) => Read(env, name);

        var settings = new TranscriptionSettings
        {
            Env = env,
            WorkingDirectory = workingDirectory,
            Provider = Get(TranscriptionEnv.Provider),
            Model = Get(TranscriptionEnv.Model),
            Language = Get(TranscriptionEnv.Language)?.ToLowerInvariant() ?? "auto",
            Endpoint = Get(TranscriptionEnv.Endpoint),
            Command = Get(TranscriptionEnv.Command),
            WhisperCpp = Get(TranscriptionEnv.WhisperCpp),
            ModelDir = Get(TranscriptionEnv.WhisperModelDir) is { } dir
                ? Path.GetFullPath(ExpandHome(dir, env), workingDirectory)
                : Path.Combine(PeepshowHome.Path(env, workingDirectory), "whisper-models"),
            ModelBaseUrl = Get(TranscriptionEnv.WhisperModelUrl)?.TrimEnd('/') ?? DefaultModelBaseUrl,
        };
        if (Get(TranscriptionEnv.MaxUploadBytes) is { } max && long.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) && bytes > 0)
            settings = settings with { MaxUploadBytes = bytes };
        if (Get(TranscriptionEnv.TimeoutSeconds) is { } t && double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
            settings = settings with { Timeout = TimeSpan.FromSeconds(seconds) };
        return settings;
    }

    /// <summary>A value from <see cref="Env"/>, or null when unset or blank.</summary>
    public string? Get(string name) => Read(Env, name);

    private static string? Read(Func<string, string?> env, string name) =>
        env(name) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    private static string ExpandHome(string path, Func<string, string?> env) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(EnvironmentVariables.HomeFolder(env), path.Length > 2 ? path[2..] : "")
            : path;
}
