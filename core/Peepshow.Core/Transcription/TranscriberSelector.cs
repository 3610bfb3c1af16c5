namespace Peepshow.Core.Transcription;

/// <summary>
/// Picks the provider: <c>--no-transcribe</c> &gt; <c>--transcribe</c> &gt; <c>PEEPSHOW_TRANSCRIBE</c> &gt; automatic
/// (subtitles in or beside the input, decided per run; then <c>PEEPSHOW_TRANSCRIBE_CMD</c> set → custom; whisper's
/// model present or downloadable and its runtime usable → whisper, in process; <c>whisper-cli</c> found → whisper-cpp;
/// else none, with a hint).
/// Cloud providers are never picked automatically: audio leaves the machine only when the user asks.
/// </summary>
public static class TranscriberSelector
{
    public const string Off = "off";

    /// <summary>Provider names accepted by <c>--transcribe</c> and <c>PEEPSHOW_TRANSCRIBE</c> (plus <c>off</c>).</summary>
    public static readonly IReadOnlyList<string> ProviderNames =
        [SubtitleTranscripts.ProviderName, WhisperNetTranscriber.ProviderName, WhisperCppTranscriber.ProviderName, OpenAiPreset.OpenAi.Name, OpenAiPreset.Groq.Name, CustomCommandTranscriber.ProviderName];

    /// <summary>The hint when nothing local can transcribe: why the whisper provider cannot, and the ways out.</summary>
    public static string EnableHint(string whyNotWhisper) =>
        $"no transcript: {whyNotWhisper}, and whisper-cli (whisper.cpp) is not on PATH. `peepshow doctor` says what to place or " +
        "install; --transcribe openai with OPENAI_API_KEY set sends the audio to OpenAI instead. PEEPSHOW_NO_HINTS=1 hides this.";

    public static TranscriberChoice Choose(string? requested, bool disabled, TranscriptionSettings settings)
    {
        if (disabled)
            return new TranscriberChoice(null, "transcription is off (--no-transcribe)");
        if (!string.IsNullOrWhiteSpace(requested))
            return ByName(requested.Trim(), $"--transcribe {requested.Trim()}", settings);
        if (settings.Provider is { } fromEnv)
            return ByName(fromEnv, $"{TranscriptionEnv.Provider}={fromEnv}", settings);
        return Automatic(settings) with { SubtitlesFirst = true };
    }

    private static TranscriberChoice Automatic(TranscriptionSettings settings)
    {
        if (settings.Command is not null)
            return ByName(CustomCommandTranscriber.ProviderName, $"{TranscriptionEnv.Command} is set", settings);
        // In process first: nothing to install. A runtime that cannot run here is said once, not skipped silently.
        var runtimeProblem = WhisperRuntime.Check(settings.WhisperRuntimeDir);
        var whyNotWhisper = runtimeProblem ?? WhisperNetTranscriber.ModelUnavailable(settings);
        if (whyNotWhisper is null)
            return ByName(WhisperNetTranscriber.ProviderName, "auto", settings);
        if (settings.WhisperCpp is not null || WhisperCppTranscriber.Locate(settings) is not null)
            return ByName(WhisperCppTranscriber.ProviderName, "auto", settings) with { Hint = runtimeProblem is null ? null : $"transcribing with whisper-cli: {runtimeProblem}" };
        return new TranscriberChoice(null, $"no provider available: {whyNotWhisper}, and whisper-cli is not on PATH", EnableHint(whyNotWhisper));
    }

    private static TranscriberChoice ByName(string name, string why, TranscriptionSettings settings)
    {
        switch (name.ToLowerInvariant())
        {
            case Off or "none":
                return new TranscriberChoice(null, $"transcription is off ({why})");
            case WhisperNetTranscriber.ProviderName:
                var whisper = new WhisperNetTranscriber(settings);
                if (WhisperRuntime.Check(settings.WhisperRuntimeDir) is { } unusable)
                    return Unavailable(name, whisper.Model, why, unusable);
                return new TranscriberChoice(whisper, $"{(why == "auto" ? "auto: " : $"{why}: ")}in process, {WhisperNetTranscriber.DescribeModel(settings)}");
            case SubtitleTranscripts.ProviderName:
                return new TranscriberChoice(new UnavailableTranscriber(name, null, SubtitleTranscripts.NoneFoundReason), $"{why}: the input's subtitles, when it has some")
                {
                    SubtitlesFirst = true,
                };
            case WhisperCppTranscriber.ProviderName:
                var model = settings.Model ?? WhisperCppTranscriber.DefaultModel;
                if (WhisperCppTranscriber.Locate(settings) is { } exe)
                    return new TranscriberChoice(new WhisperCppTranscriber(exe, settings), $"{(why == "auto" ? "auto: " : $"{why}: ")}whisper-cli at {exe}");
                var missing = settings.WhisperCpp is { } configured
                    ? $"{TranscriptionEnv.WhisperCpp}={configured} is not an executable file"
                    : "whisper-cli (whisper.cpp) is not on PATH; install whisper.cpp or set " + TranscriptionEnv.WhisperCpp;
                return Unavailable(name, model, why, missing);
            case "openai":
                return Http(OpenAiPreset.OpenAi, why, settings);
            case "groq":
                return Http(OpenAiPreset.Groq, why, settings);
            case CustomCommandTranscriber.ProviderName:
                return settings.Command is { } command
                    ? new TranscriberChoice(new CustomCommandTranscriber(command, settings), $"{why}: runs `{command}`")
                    : Unavailable(name, settings.Model, why, $"the custom provider needs {TranscriptionEnv.Command} (a shell command: WAV on stdin, {{segments,text}} JSON on stdout)");
            default:
                return Unavailable(name, null, why, $"unknown transcription provider '{name}' ({why}); use one of {string.Join(", ", ProviderNames)} or {Off}");
        }
    }

    private static TranscriberChoice Http(OpenAiPreset preset, string why, TranscriptionSettings settings)
    {
        var transcriber = new OpenAiTranscriber(preset, settings);
        return new TranscriberChoice(transcriber, $"{why}: {transcriber.Url?.ToString() ?? "no valid endpoint"}");
    }

    private static TranscriberChoice Unavailable(string name, string? model, string why, string reason) =>
        new(new UnavailableTranscriber(name, model, reason), $"{why}: {reason}");
}
