namespace Peepshow.Protocol.Payload;

public sealed record VideoInfo
{
    public double? DurationSeconds { get; init; }

    public int? Width { get; init; }

    public int? Height { get; init; }

    public double? Fps { get; init; }

    public string? Codec { get; init; }

    public double? BitrateKbps { get; init; }

    public string? Container { get; init; }

    public long? SizeBytes { get; init; }

    public long? EstimatedTotalFrames { get; init; }

    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}
