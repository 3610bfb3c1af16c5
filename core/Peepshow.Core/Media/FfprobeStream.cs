using System.Text.Json;
using System.Text.Json.Serialization;

namespace Peepshow.Core.Media;

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
