namespace Peepshow.Core.Transcription;

/// <summary>Environment variables that configure the audio pass and transcription (docs/transcription.md).</summary>
public static class TranscriptionEnv
{
    /// <summary>Provider name (<c>whisper-cpp</c>, <c>openai</c>, <c>groq</c>, <c>custom</c>) or <c>off</c>.</summary>
    public const string Provider = "PEEPSHOW_TRANSCRIBE";

    /// <summary>Model for the chosen provider (whisper-cpp default <c>base.en</c>, openai <c>whisper-1</c>, groq <c>whisper-large-v3-turbo</c>).</summary>
    public const string Model = "PEEPSHOW_TRANSCRIBE_MODEL";

    /// <summary>ISO-639-1 code, or <c>auto</c> (default).</summary>
    public const string Language = "PEEPSHOW_TRANSCRIBE_LANGUAGE";

    /// <summary>Base URL of an OpenAI-compatible server (e.g. <c>http://127.0.0.1:8000</c>).</summary>
    public const string Endpoint = "PEEPSHOW_TRANSCRIBE_ENDPOINT";

    /// <summary>Shell command for the <c>custom</c> provider: WAV on stdin, <c>{segments,text}</c> JSON on stdout.</summary>
    public const string Command = "PEEPSHOW_TRANSCRIBE_CMD";

    /// <summary>Largest upload the HTTP provider sends in one request; longer audio is split (default 25 MB).</summary>
    public const string MaxUploadBytes = "PEEPSHOW_TRANSCRIBE_MAX_UPLOAD_BYTES";

    /// <summary>Seconds one transcription (process or HTTP request) may take (default 1800).</summary>
    public const string TimeoutSeconds = "PEEPSHOW_TRANSCRIBE_TIMEOUT_SECONDS";

    /// <summary>Path (or name on PATH) of whisper.cpp's <c>whisper-cli</c>.</summary>
    public const string WhisperCpp = "PEEPSHOW_WHISPER_CPP";

    /// <summary>Folder holding <c>ggml-&lt;model&gt;.bin</c> (default <c>~/.peepshow/whisper-models</c>).</summary>
    public const string WhisperModelDir = "PEEPSHOW_WHISPER_MODEL_DIR";

    /// <summary>Base URL models are downloaded from (default the ggml models on Hugging Face).</summary>
    public const string WhisperModelUrl = "PEEPSHOW_WHISPER_MODEL_URL";

    /// <summary><c>off</c> disables the audio pass, like <c>--no-audio</c>.</summary>
    public const string AudioEncoder = "PEEPSHOW_AUDIO_ENCODER";

    public const string OpenAiApiKey = "OPENAI_API_KEY";

    public const string GroqApiKey = "GROQ_API_KEY";

    /// <summary><c>1</c> silences hints on stderr.</summary>
    public const string NoHints = "PEEPSHOW_NO_HINTS";

    /// <summary><c>1</c> lets an API key travel over plain http to a non-loopback host.</summary>
    public const string AllowInsecureHttp = Peepshow.Protocol.EnvNames.AllowInsecureHttp;
}
