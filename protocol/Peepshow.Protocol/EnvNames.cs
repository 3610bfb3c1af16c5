namespace Peepshow.Protocol;

/// <summary>Environment variables shared by peepshow and its sinks. Sink-specific ones live with their sink.</summary>
public static class EnvNames
{
    /// <summary>Set to <c>1</c> by peepshow for every sink it runs, so a sink can tell it was dispatched.</summary>
    public const string Protocol = "PEEPSHOW_PROTOCOL";

    /// <summary>Public base URL where frames are hosted; enables <c>thumbnail_url</c>.</summary>
    public const string FrameBaseUrl = "PEEPSHOW_FRAME_BASE_URL";

    /// <summary>State folder (default <c>~/.peepshow</c>).</summary>
    public const string Home = "PEEPSHOW_HOME";

    /// <summary>Colon-separated folders searched first for <c>peepshow-sink-&lt;name&gt;</c>.</summary>
    public const string SinkPath = "PEEPSHOW_SINK_PATH";

    /// <summary>Auto-sinks file (default <c>~/.peepshow/sinks.json</c>).</summary>
    public const string AutoSinksFile = "PEEPSHOW_AUTO_SINKS_FILE";

    /// <summary>Seconds a sink may run before peepshow kills it (default 300).</summary>
    public const string SinkTimeoutSeconds = "PEEPSHOW_SINK_TIMEOUT_SECONDS";

    /// <summary><c>1</c> lets a sink send credentials over plain http to a non-loopback host.</summary>
    public const string AllowInsecureHttp = "PEEPSHOW_ALLOW_INSECURE_HTTP";

    /// <summary>Most attempts per request in a sink (default 6).</summary>
    public const string SinkMaxAttempts = "PEEPSHOW_SINK_MAX_ATTEMPTS";

    /// <summary>Overall seconds a sink may spend on one delivery including retries (default 120).</summary>
    public const string SinkMaxSeconds = "PEEPSHOW_SINK_MAX_SECONDS";

    /// <summary>First retry delay in milliseconds before doubling (default 1000).</summary>
    public const string SinkRetryBaseMs = "PEEPSHOW_SINK_RETRY_BASE_MS";
}
