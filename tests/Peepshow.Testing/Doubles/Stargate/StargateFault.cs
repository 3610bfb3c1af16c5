namespace Peepshow.Testing.Doubles.Stargate;

/// <summary>
/// What the double does to one upcoming request instead of (or after) answering it normally.
/// Queue several with <see cref="StargateDouble.Fail(StargateFault[])"/>; each is used by exactly one request.
/// </summary>
public sealed record StargateFault
{
    /// <summary>Answer with this status instead of processing the request (0 = process normally).</summary>
    public int Status { get; init; }

    /// <summary>Body for <see cref="Status"/>; null = the flavour's usual body for that status.</summary>
    public string? Body { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Close the connection without answering, before doing anything.</summary>
    public bool DropBefore { get; init; }

    /// <summary>Process the request (store the row), then close the connection instead of answering.</summary>
    public bool DropAfter { get; init; }

    /// <summary>Wait this long first (the client may time out meanwhile).</summary>
    public TimeSpan Delay { get; init; }

    public static StargateFault Http(int status, string? body = null, int? retryAfterSeconds = null) => new()
    {
        Status = status,
        Body = body,
        Headers = retryAfterSeconds is { } s ? new Dictionary<string, string> { ["Retry-After"] = s.ToString(System.Globalization.CultureInfo.InvariantCulture) } : new Dictionary<string, string>(),
    };

    public static StargateFault DropConnection() => new() { DropBefore = true };

    public static StargateFault DropAfterProcessing() => new() { DropAfter = true };

    public static StargateFault Slow(TimeSpan delay) => new() { Delay = delay };
}
