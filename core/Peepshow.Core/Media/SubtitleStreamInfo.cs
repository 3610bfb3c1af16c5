namespace Peepshow.Core.Media;

/// <summary>One subtitle stream as ffprobe reports it.</summary>
/// <param name="Index">The stream's index in the file (<c>-map 0:Index</c>).</param>
/// <param name="Codec">ffprobe's codec name: <c>subrip</c>, <c>mov_text</c>, <c>webvtt</c>, <c>ass</c>, <c>hdmv_pgs_subtitle</c>…</param>
/// <param name="Language">The stream's <c>language</c> tag as written (<c>eng</c>, <c>en</c>), or null.</param>
public sealed record SubtitleStreamInfo(int Index, string Codec, string? Language, bool IsDefault, bool IsForced, string? Title)
{
    /// <summary>Codecs that carry text ffmpeg can turn into SRT; picture-based ones (PGS, VobSub, DVB) do not.</summary>
    public static readonly IReadOnlySet<string> TextCodecs = new HashSet<string>(StringComparer.Ordinal)
    {
        "subrip", "srt", "mov_text", "webvtt", "ass", "ssa", "text",
    };

    public bool IsText => TextCodecs.Contains(Codec);
}
