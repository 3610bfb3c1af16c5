namespace Peepshow.Core.Extraction;

/// <summary>Where and how to write the kept frames.</summary>
public sealed record ExtractRequest
{
    public required string OutputDir { get; init; }

    /// <summary><c>jpg</c> or <c>png</c>.</summary>
    public required string Format { get; init; }

    /// <summary>Largest output width; never upscaled.</summary>
    public required int MaxWidth { get; init; }

    /// <summary>Frames written so far, for progress.</summary>
    public IProgress<double>? Progress { get; init; }

    public static string FileName(int index, string format) => $"frame_{index:0000}.{format}";
}
