namespace Peepshow.Core;

/// <summary>peepshow's own exit codes, kept from the original. A failing sink never changes them.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>A bug: an exception nobody expected.</summary>
    public const int Unexpected = 1;

    /// <summary>Bad arguments, including every System.CommandLine parse error, a bad PEEPSHOW_* value and a run folder in use.</summary>
    public const int BadArguments = 2;

    public const int FfmpegMissing = 3;

    /// <summary>The input could not be resolved: missing file, bad URL, malformed data URI, not a video.</summary>
    public const int InputUnresolvable = 4;

    public const int ZeroFrames = 5;

    /// <summary>ffmpeg exited non-zero; the message carries ffmpeg's own error line.</summary>
    public const int FfmpegFailed = 6;

    /// <summary><c>peepshow sinks retry</c>: at least one outbox entry is still undelivered afterwards.</summary>
    public const int DeliveryPending = 7;

    /// <summary>
    /// peepshow's own state cannot be read or written: the auto-sinks file (sinks.json) or the outbox is
    /// unreadable, not writable, or a directory where a file belongs. A run is refused before extraction
    /// when its deliveries could not be kept; a delivery that failed and could not be queued ends a run with it.
    /// </summary>
    public const int StateUnusable = 8;

    /// <summary><c>peepshow batch</c>: at least one input failed (each failure has its own line and code).</summary>
    public const int BatchFailures = 9;

    public const int Interrupted = 130;
}
