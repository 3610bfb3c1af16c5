using System.Text;
using Peepshow.Core.Media;
using Peepshow.Protocol;
using Peepshow.Protocol.Payload;
using Peepshow.Testing;
using Peepshow.Testing.Media;
using Peepshow.Core.Processes;

namespace Peepshow.Cli.Tests;

/// <summary>Subtitles first: a transcript from a subtitle stream or a sidecar file, from the real executable.</summary>
public sealed class SubtitleSpecs
{
    /// <summary>Automatic transcription again, with a PATH that holds no whisper-cli from this machine.</summary>
    private static PeepshowProcess Peepshow(TempDir dir)
    {
        var bin = Directory.CreateDirectory(dir.Combine("bin")).FullName;
        var ffmpeg = FfmpegLocator.Locate(EnvironmentVariables.Process.Get, Environment.CurrentDirectory);
        return new PeepshowProcess()
            .WithEnvironment("PATH", bin)
            .WithEnvironment("PEEPSHOW_FFMPEG", ffmpeg.FfmpegPath)
            .WithEnvironment("PEEPSHOW_FFPROBE", ffmpeg.FfprobePath)
            .WithEnvironment("PEEPSHOW_TRANSCRIBE", null);
    }

    private static TranscriptInfo Transcript(CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        var read = ProtocolJson.Read(result.StandardOutput);
        Assert.True(read.IsOk, read.Error);
        return read.Payload!.Audio?.Transcript ?? throw new Xunit.Sdk.XunitException("no transcript in the payload:\n" + result.StandardOutput);
    }

    private static IEnumerable<TranscriptSegment> Expected(IEnumerable<Cue> cues) => cues.Select(c => new TranscriptSegment(c.Start, c.End, c.Text));

    [Fact(Timeout = 120_000)]
    public async Task An_mp4_with_a_mov_text_stream_gets_its_transcript_from_the_subtitles_with_exact_times()
    {
        var clip = await SubtitledClips.Mp4WithMovTextAsync(TestContext.Current.CancellationToken);
        using var dir = new TempDir();
        using var peepshow = Peepshow(dir);

        var result = await peepshow.RunAsync(TestContext.Current.CancellationToken, clip.Path, "--emit", "json", "-o", dir.Combine("run"));

        var transcript = Transcript(result);
        Assert.Equal(("subtitles", "stream 0:2 (mov_text)", "en", null), (transcript.Provider, transcript.Model, transcript.Language, transcript.SkippedReason));
        Assert.Equal(Expected(SubtitledClips.English), transcript.Segments);
        Assert.Equal("Hello from the subtitles. A cue written on two lines. The end.", transcript.Text);
        Assert.DoesNotContain("whisper-cli", result.StandardError);
    }

    [Fact(Timeout = 120_000)]
    public async Task An_mkv_uses_its_default_ass_stream_or_the_language_asked_for_even_without_an_audio_track()
    {
        var clip = await SubtitledClips.MkvWithSubripAndAssAsync(TestContext.Current.CancellationToken);
        using var dir = new TempDir();
        using var peepshow = Peepshow(dir);

        var byDefault = Transcript(await peepshow.RunAsync(TestContext.Current.CancellationToken, clip.Path, "--emit", "json", "-o", dir.Combine("default")));
        peepshow.WithEnvironment("PEEPSHOW_TRANSCRIBE_LANGUAGE", "fr");
        var french = Transcript(await peepshow.RunAsync(TestContext.Current.CancellationToken, clip.Path, "--emit", "json", "-o", dir.Combine("french")));

        Assert.Equal(("stream 0:2 (ass)", "en"), (byDefault.Model, byDefault.Language));
        Assert.Equal(Expected(SubtitledClips.English), byDefault.Segments);
        Assert.Equal(("stream 0:1 (subrip)", "fr"), (french.Model, french.Language));
        Assert.Equal(Expected(SubtitledClips.French), french.Segments);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_sidecar_vtt_beside_the_clip_is_the_transcript_and_the_timeline_shows_it()
    {
        var source = await TestMedia.FullScaleSineAsync(TestContext.Current.CancellationToken);
        using var dir = new TempDir();
        using var peepshow = Peepshow(dir);
        var clip = await TestMedia.CopyAsync(source, dir.Combine("talk.mov"), TestContext.Current.CancellationToken);
        var cues = SubtitledClips.English.Take(2).ToList();
        await File.WriteAllTextAsync(dir.Combine("talk.en.vtt"), "\uFEFF" + SubtitledClips.WebVtt(cues, "\r\n"), Encoding.UTF8, TestContext.Current.CancellationToken);

        var json = await peepshow.RunAsync(TestContext.Current.CancellationToken, clip, "--emit", "json", "-o", dir.Combine("json"));
        var timeline = await peepshow.RunAsync(TestContext.Current.CancellationToken, clip, "--emit", "timeline", "-o", dir.Combine("timeline"));

        var transcript = Transcript(json);
        Assert.Equal(("subtitles", "talk.en.vtt", "en"), (transcript.Provider, transcript.Model, transcript.Language));
        Assert.Equal(Expected(cues), transcript.Segments);
        Assert.True(timeline.ExitCode == 0, timeline.ToString());
        Assert.Contains("transcript by subtitles talk.en.vtt, en: 2 segments", timeline.StandardOutput);
        Assert.Contains("A cue written on two lines.", timeline.StandardOutput);
    }

    [Fact(Timeout = 120_000)]
    public async Task Naming_another_provider_with_transcribe_ignores_the_subtitles()
    {
        var clip = await SubtitledClips.Mp4WithMovTextAsync(TestContext.Current.CancellationToken);
        using var dir = new TempDir();
        using var peepshow = Peepshow(dir);

        var result = await peepshow.RunAsync(TestContext.Current.CancellationToken, clip.Path, "--emit", "json", "--transcribe", "whisper-cpp", "-o", dir.Combine("run"));

        var transcript = Transcript(result);
        Assert.Equal("whisper-cpp", transcript.Provider);
        Assert.Empty(transcript.Segments);
        Assert.Contains("whisper-cli", transcript.SkippedReason);
    }

    [Fact(Timeout = 120_000)]
    public async Task Asking_for_subtitles_on_a_clip_without_any_says_so_in_the_skipped_reason()
    {
        var clip = await TestMedia.FullScaleSineAsync(TestContext.Current.CancellationToken);
        using var dir = new TempDir();
        using var peepshow = Peepshow(dir);

        var result = await peepshow.RunAsync(TestContext.Current.CancellationToken, clip.Path, "--emit", "json", "--transcribe", "subtitles", "-o", dir.Combine("run"));

        var transcript = Transcript(result);
        Assert.Equal(("subtitles", "no text subtitle stream in the input and no .srt/.vtt file beside it"), (transcript.Provider, transcript.SkippedReason));
    }
}
