using Peepshow.Core.Media;
using Peepshow.Core.Transcription;
using Peepshow.Testing;

namespace Peepshow.Core.Tests.Transcription;

public sealed class SubtitleSourceSpecs
{
    private static MediaAnalysis Media(params SubtitleStreamInfo[] streams) => new() { FormatName = "matroska,webm", SubtitleStreams = streams };

    [Fact]
    public void Sidecar_files_are_found_beside_the_input_with_their_language_and_forced_flag_from_the_name()
    {
        using var dir = new TempDir();
        var input = dir.Combine("talk.mp4");
        foreach (var name in new[] { "talk.mp4", "talk.srt", "talk.en-US.vtt", "talk.eng.forced.srt", "talk.txt", "talks.srt", "other.srt", "talk.sdh.srt" })
            File.WriteAllText(dir.Combine(name), "");

        var found = SubtitleSource.Sidecars(input).Select(s => (Path.GetFileName(s.SidecarPath), s.Language, s.IsForced)).ToList();

        Assert.Equal([("talk.en-US.vtt", "en", false), ("talk.eng.forced.srt", "en", true), ("talk.sdh.srt", null, false), ("talk.srt", null, false)], found);
    }

    [Fact]
    public void Picture_subtitles_are_ignored_and_the_default_text_stream_wins()
    {
        var pgs = new SubtitleStreamInfo(2, "hdmv_pgs_subtitle", "eng", IsDefault: true, IsForced: false, null);
        var french = new SubtitleStreamInfo(3, "subrip", "fre", IsDefault: false, IsForced: false, null);
        var english = new SubtitleStreamInfo(4, "ass", "eng", IsDefault: true, IsForced: false, null);

        var chosen = SubtitleSource.Find(Media(pgs, french, english), inputPath: null, preferredLanguage: "auto");

        Assert.Equal(4, chosen?.Stream?.Index);
        Assert.Equal("en", chosen?.Language);
        Assert.Equal("stream 0:4 (ass)", chosen?.Description);
    }

    [Fact]
    public void The_language_asked_for_wins_then_full_subtitles_over_forced_then_sidecars_over_streams()
    {
        using var dir = new TempDir();
        var input = dir.Combine("clip.mkv");
        File.WriteAllText(input, "");
        File.WriteAllText(dir.Combine("clip.de.srt"), "");
        File.WriteAllText(dir.Combine("clip.fr.forced.srt"), "");
        var forcedFrench = new SubtitleStreamInfo(2, "subrip", "fre", IsDefault: true, IsForced: true, null);
        var french = new SubtitleStreamInfo(3, "subrip", "fre", IsDefault: false, IsForced: false, null);
        var media = Media(forcedFrench, french);

        Assert.Equal(3, SubtitleSource.Find(media, input, "fr")?.Stream?.Index);
        Assert.Equal("clip.de.srt", SubtitleSource.Find(media, input, "auto")?.Description);
        Assert.Equal("clip.de.srt", SubtitleSource.Find(media, input, null)?.Description);
        Assert.Null(SubtitleSource.Find(Media(), inputPath: null, "en"));
    }

    [Theory]
    [InlineData("eng", "en")]
    [InlineData("ger", "de")]
    [InlineData("deu", "de")]
    [InlineData("pt-BR", "pt")]
    [InlineData("English", "en")]
    [InlineData("und", null)]
    [InlineData("forced", null)]
    [InlineData("cc", null)]
    public void Language_tags_and_file_name_parts_become_iso_639_1_codes(string tag, string? code) =>
        Assert.Equal(code, LanguageCodes.FromTag(tag));
}
