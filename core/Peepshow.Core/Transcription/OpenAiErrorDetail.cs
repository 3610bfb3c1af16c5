using System.Text.Json;

namespace Peepshow.Core.Transcription;

public sealed record OpenAiErrorDetail
{
    public string? Message { get; init; }

    public string? Type { get; init; }

    public JsonElement? Code { get; init; }
}
