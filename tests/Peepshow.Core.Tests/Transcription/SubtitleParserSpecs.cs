using Peepshow.Core.Transcription;
using Peepshow.Protocol.Payload;

namespace Peepshow.Core.Tests.Transcription;

public sealed class SubtitleParserSpecs
{
    [Fact]
    public void I_can_read_an_srt_file_with_a_byte_order_mark_crlf_line_ends_and_multi_line_cues()
    {
        var srt = "\uFEFF1\r\n00:00:01,000 --> 00:00:02,500\r\nHello\r\nthere.\r\n\r\n2\r\n00:01:02,050 --> 01:00:00,000\r\nSecond.\r\n";

        var cues = SubtitleParser.ParseSrt(srt);

        Assert.Equal([new TranscriptSegment(1, 2.5, "Hello there."), new TranscriptSegment(62.05, 3600, "Second.")], cues);
    }

    [Fact]
    public void Srt_styling_tags_ass_overrides_and_coordinates_are_dropped_but_a_lone_angle_bracket_stays()
    {
        var srt = "1\n00:00:01,000 --> 00:00:02,000 X1:100 X2:200 Y1:10 Y2:20\n{\\an8}<i>Careful</i>, <font color=\"#ffff00\">a < b</font> &amp; more\n";

        var cue = Assert.Single(SubtitleParser.ParseSrt(srt));

        Assert.Equal("Careful, a < b & more", cue.Text);
    }

    [Fact]
    public void Srt_cues_without_numbers_or_without_a_blank_line_between_them_are_all_kept()
    {
        var srt = "00:00:01,000 --> 00:00:02,000\nNo number.\n7\n00:00:03,000 --> 00:00:04,000\nNo blank line before me.\n\n\n\n8\n00:00:05,5 --> 00:00:06.25\nDot and short fractions.";

        var cues = SubtitleParser.ParseSrt(srt);

        Assert.Equal(
            [new TranscriptSegment(1, 2, "No number."), new TranscriptSegment(3, 4, "No blank line before me."), new TranscriptSegment(5.5, 6.25, "Dot and short fractions.")],
            cues);
    }

    [Fact]
    public void Srt_blocks_with_broken_timing_or_no_text_are_skipped()
    {
        var srt = "1\n00:00:01 --> 00:00:02\nNo milliseconds.\n\n2\n00:00:03,000 --> 00:00:04,000\n\n3\n00:00:05,000 --> 00:00:06,000\nKept.\n";

        Assert.Equal([new TranscriptSegment(5, 6, "Kept.")], SubtitleParser.ParseSrt(srt));
    }

    [Fact]
    public void I_can_read_webvtt_with_hour_less_times_cue_settings_identifiers_and_note_style_region_blocks()
    {
        var vtt = """
            WEBVTT - a title
            Kind: captions
            Language: en

            STYLE
            ::cue { color: yellow }

            REGION
            id:fred width:40%

            NOTE this is not a cue
            00:00.000 --> 00:01.000

            intro
            00:01.500 --> 00:03.000 align:start position:10% line:0
            <v Anna>Hi</v> <c.loud>there</c>,
            <b>friend</b>.

            01:00:00.000 --> 01:00:02.250
            An hour in &lt;3 &nbsp;spaces&lrm;.
            """;

        var cues = SubtitleParser.ParseWebVtt(vtt);

        Assert.Equal([new TranscriptSegment(1.5, 3, "Hi there, friend."), new TranscriptSegment(3600, 3602.25, "An hour in <3 spaces.")], cues);
    }

    [Fact]
    public void Webvtt_with_a_byte_order_mark_crlf_and_karaoke_timestamps_reads_like_any_other()
    {
        var vtt = "\uFEFFWEBVTT\r\n\r\n00:05.000 --> 00:06.500\r\nOne <00:05.500>word <00:06.000>at a time\r\n";

        Assert.Equal([new TranscriptSegment(5, 6.5, "One word at a time")], SubtitleParser.ParseWebVtt(vtt));
    }

    [Fact]
    public void A_file_without_the_webvtt_signature_is_not_webvtt()
    {
        var ex = Assert.Throws<FormatException>(() => SubtitleParser.ParseWebVtt("1\n00:00:01,000 --> 00:00:02,000\nSRT in disguise\n"));

        Assert.Contains("WEBVTT", ex.Message);
    }
}
