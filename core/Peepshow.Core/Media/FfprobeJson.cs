using System.Text.Json;
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

public sealed record FfprobeProgramVersion
{
    [JsonPropertyName("version")]
    public string? Version { get; init; }
}

public sealed record FfprobeStream
{
    [JsonPropertyName("index")]
    public int Index { get; init; }

    [JsonPropertyName("codec_name")]
    public string? CodecName { get; init; }

    [JsonPropertyName("codec_type")]
    public string? CodecType { get; init; }

    [JsonPropertyName("width")]
    public int? Width { get; init; }

    [JsonPropertyName("height")]
    public int? Height { get; init; }

    [JsonPropertyName("r_frame_rate")]
    public string? RFrameRate { get; init; }

    [JsonPropertyName("avg_frame_rate")]
    public string? AvgFrameRate { get; init; }

    [JsonPropertyName("duration")]
    public string? Duration { get; init; }

    [JsonPropertyName("bit_rate")]
    public string? BitRate { get; init; }

    [JsonPropertyName("nb_frames")]
    public string? NbFrames { get; init; }

    [JsonPropertyName("sample_aspect_ratio")]
    public string? SampleAspectRatio { get; init; }

    [JsonPropertyName("pix_fmt")]
    public string? PixFmt { get; init; }

    [JsonPropertyName("disposition")]
    public Dictionary<string, int>? Disposition { get; init; }

    [JsonPropertyName("tags")]
    public Dictionary<string, string>? Tags { get; init; }

    [JsonPropertyName("side_data_list")]
    public List<Dictionary<string, JsonElement>>? SideDataList { get; init; }
}

public sealed record FfprobeFormat
{
    [JsonPropertyName("format_name")]
    public string? FormatName { get; init; }

    [JsonPropertyName("start_time")]
    public string? StartTime { get; init; }

    [JsonPropertyName("duration")]
    public string? Duration { get; init; }

    [JsonPropertyName("size")]
    public string? Size { get; init; }

    [JsonPropertyName("bit_rate")]
    public string? BitRate { get; init; }

    [JsonPropertyName("tags")]
    public Dictionary<string, string>? Tags { get; init; }
}
