using System.Text.Json.Serialization;

namespace Peepshow.Core.Media;

// Public only because the source-generated context exposes them. The subset of `ffprobe -print_format json -show_format -show_streams` we read. ffprobe prints most
// numbers as strings, so they stay strings here and MediaAnalysis parses them with the invariant culture.

public sealed record FfprobeOutput
{
    [JsonPropertyName("streams")]
    public List<FfprobeStream> Streams { get; init; } = [];

    [JsonPropertyName("format")]
    public FfprobeFormat? Format { get; init; }

    [JsonPropertyName("program_version")]
    public FfprobeProgramVersion? ProgramVersion { get; init; }
}
