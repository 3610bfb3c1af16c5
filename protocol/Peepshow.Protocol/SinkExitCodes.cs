namespace Peepshow.Protocol;

/// <summary>How a sink tells peepshow what happened. Kept from the original peepshow so its sinks stay interchangeable.</summary>
public static class SinkExitCodes
{
    /// <summary>The record was written (or, with <c>--dry-run</c>, the requests were printed).</summary>
    public const int Ok = 0;

    /// <summary>A required environment variable is missing or invalid.</summary>
    public const int InvalidConfig = 2;

    /// <summary>A program or library the sink needs is missing.</summary>
    public const int MissingDependency = 3;

    /// <summary>stdin was empty, not UTF-8 JSON, not a payload, or over the size cap.</summary>
    public const int MalformedInput = 4;

    /// <summary>The backend rejected the write, or the network failed after retries.</summary>
    public const int RemoteFailure = 5;

    /// <summary>Interrupted by Ctrl+C or SIGTERM (128 + SIGINT), the shell convention.</summary>
    public const int Interrupted = 130;
}
