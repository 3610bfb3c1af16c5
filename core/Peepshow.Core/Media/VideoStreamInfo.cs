namespace Peepshow.Core.Media;

public sealed record VideoStreamInfo
{
    public int Index { get; init; }

    public string? Codec { get; init; }

    /// <summary>Display width: already swapped with the height for 90° rotated phone videos.</summary>
    public int Width { get; init; }

    public int Height { get; init; }

    /// <summary>Some streams only reveal their size once decoded; then nothing may rely on it.</summary>
    public bool HasKnownSize => Width > 0 && Height > 0;

    public double? Fps { get; init; }

    public double? DurationSeconds { get; init; }

    public double? BitrateKbps { get; init; }

    public long? FrameCount { get; init; }

    public int Rotation { get; init; }

    /// <summary>Pixel aspect (anamorphic DVD, HDV); width and height above are already the display size.</summary>
    public double SampleAspectRatio { get; init; } = 1;
}
