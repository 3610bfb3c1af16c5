using Peepshow.Core.Transcription;

namespace Peepshow.Core.EnvFiles;

/// <summary>
/// The one table of the built-in sinks', the HTTP transcriber's and yt-dlp's variables. peepshow uses it to refuse an
/// endpoint from a <c>.env</c> paired with a credential from the environment, and <c>peepshow doctor</c> to say
/// what an auto-sink still lacks. Each sink's own <c>--help</c> is the full list; a spec holds this table to it.
/// Sinks that are not built in are not in it: peepshow cannot know their variables.
/// </summary>
public static class KnownVariables
{
    public static IReadOnlyList<VariableSet> Sinks { get; } =
    [
        new("databricks",
            Required: ["DATABRICKS_URL", "DATABRICKS_TOKEN", "DATABRICKS_WAREHOUSE_ID"],
            Endpoints: ["DATABRICKS_URL"],
            Credentials: ["DATABRICKS_TOKEN"]),
        new("cassandra",
            Required: ["CASSANDRA_URL", "CASSANDRA_KEYSPACE"],
            Endpoints: ["CASSANDRA_URL"],
            Credentials: ["CASSANDRA_TOKEN"]),
        new("event-track",
            Required: ["EVENT_TRACK_PROVIDER", "EVENT_TRACK_TOKEN", "EVENT_TRACK_USER_ID"],
            Endpoints: ["EVENT_TRACK_ENDPOINT", "EVENT_TRACK_REGION"],
            Credentials: ["EVENT_TRACK_TOKEN"]),
    ];

    /// <summary>The OpenAI-compatible transcriber (openai, groq, or a server at PEEPSHOW_TRANSCRIBE_ENDPOINT).</summary>
    public static VariableSet Transcription { get; } = new("transcription",
        Required: [],
        Endpoints: [TranscriptionEnv.Endpoint],
        Credentials: [TranscriptionEnv.OpenAiApiKey, TranscriptionEnv.GroqApiKey]);

    /// <summary>
    /// yt-dlp for page URLs. <c>PEEPSHOW_YTDLP_ARGS</c> can carry a login (<c>--password</c>, <c>--cookies</c>,
    /// <c>--add-header</c>) and, in the same value, where it goes (<c>--proxy</c>): one variable, so no .env can pair
    /// it with another source. It is listed so the table names every variable that may hold a credential.
    /// </summary>
    public static VariableSet YtDlp { get; } = new("yt-dlp",
        Required: [],
        Endpoints: [],
        Credentials: [Inputs.YtDlp.ArgsEnv]);

    public static IEnumerable<VariableSet> All => [.. Sinks, Transcription, YtDlp];

    public static VariableSet? ForSink(string name) => Sinks.FirstOrDefault(s => s.Owner == name);
}
