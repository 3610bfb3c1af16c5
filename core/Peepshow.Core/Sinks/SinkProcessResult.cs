namespace Peepshow.Core.Sinks;

/// <summary>What one run of one sink came to.</summary>
public sealed record SinkProcessResult
{
    public required bool Ok { get; init; }

    /// <summary>Null when the sink never ran (not found, could not start) or its timeout killed it.</summary>
    public int? ExitCode { get; init; }

    public bool TimedOut { get; init; }

    /// <summary>The sink's last non-empty stdout line: the record it wrote.</summary>
    public string? Record { get; init; }

    /// <summary>The end of what the sink wrote to stderr (bounded however much it wrote).</summary>
    public string? StderrTail { get; init; }

    public TimeSpan Duration { get; init; }

    /// <summary>One-line reason for a failure: <c>exit 5</c>, <c>timed out after 300 s</c>, <c>not found</c>.</summary>
    public string? Error { get; init; }

    /// <summary>The program that ran (or was looked for), for messages.</summary>
    public string? Path { get; init; }
}
