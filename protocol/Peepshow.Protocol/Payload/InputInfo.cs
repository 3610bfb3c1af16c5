namespace Peepshow.Protocol.Payload;

/// <summary>Where the run's media came from.</summary>
public sealed record InputInfo
{
    /// <summary><c>path</c>, <c>url</c>, <c>data-uri</c> or <c>stdin</c>.</summary>
    public required string Kind { get; init; }

    public string? Path { get; init; }

    public string? Url { get; init; }

    public string? Filename { get; init; }

    /// <summary>Lower-case, without the dot (<c>mp4</c>).</summary>
    public string? Extension { get; init; }

    public long? SizeBytes { get; init; }
}
