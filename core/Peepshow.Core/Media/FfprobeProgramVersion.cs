using System.Text.Json.Serialization;

namespace Peepshow.Core.Media;

public sealed record FfprobeProgramVersion
{
    [JsonPropertyName("version")]
    public string? Version { get; init; }
}
