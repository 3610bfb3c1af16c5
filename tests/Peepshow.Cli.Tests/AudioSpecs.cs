using System.Globalization;
using System.Text.RegularExpressions;
using Peepshow.Core.Media;
using Peepshow.Protocol;
using Peepshow.Protocol.Payload;
using Peepshow.Testing;
using Peepshow.Testing.Doubles;
using Peepshow.Testing.Media;
using Peepshow.Core.Processes;

namespace Peepshow.Cli.Tests;

/// <summary>peepshow listening: audio.m4a, the transcript and the timeline, from the real executable.</summary>
public sealed partial class AudioSpecs
{
    /// <summary>
    /// A peepshow whose PATH holds only what the spec puts in <c>bin</c> (ffmpeg comes from PEEPSHOW_FFMPEG),
    /// so no whisper-cli installed on this machine can take part, and transcription is automatic again. Model
    /// downloads are off, as on an offline machine: the in-process provider runs only with a model in place.
    /// </summary>
    private static PeepshowProcess Peepshow(TempDir dir, bool withWhisperCli)
    {
        var bin = Directory.CreateDirectory(dir.Combine("bin")).FullName;
        if (withWhisperCli)
            FakeWhisperCli.InstallTo(bin);
        var ffmpeg = FfmpegLocator.Locate(EnvironmentVariables.Process.Get, Environment.CurrentDirectory);
        return new PeepshowProcess()
            .WithEnvironment("PATH", bin)
            .WithEnvironment("PEEPSHOW_FFMPEG", ffmpeg.FfmpegPath)
            .WithEnvironment("PEEPSHOW_FFPROBE", ffmpeg.FfprobePath)
            .WithEnvironment("PEEPSHOW_TRANSCRIBE", null)
            .WithEnvironment("PEEPSHOW_WHISPER_MODEL_URL", "off");
    }

    private static void PlaceModel(PeepshowProcess peepshow)
    {
        var models = Directory.CreateDirectory(Path.Combine(peepshow.Home, "whisper-models")).FullName;
        File.WriteAllBytes(Path.Combine(models, "ggml-base.en.bin"), ModelDownloadDouble.FakeModel(1024));
    }

    private static RunPayload Payload(CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        var read = ProtocolJson.Read(result.StandardOutput);
        Assert.True(read.IsOk, read.Error);
        return read.Payload!;
    }

    [Fact(Timeout = 120_000)]
    public async Task A_newcomer_with_whisper_cli_and_a_model_gets_a_transcript_with_no_flag()
    {
        var clip = await TestMedia.SpeechThenSilenceAsync(TestContext.Current.CancellationToken);
        using var dir = new TempDir();
        using var peepshow = Peepshow(dir, withWhisperCli: true);
        PlaceModel(peepshow);

        var result = await peepshow.RunAsync(TestContext.Current.CancellationToken, clip.Path, "--emit", "json", "-o", dir.Combine("run"));

        var audio = Payload(result).Audio!;
        Assert.Equal(dir.Combine("run", "audio.m4a"), audio.Path);
        Assert.True(File.Exists(audio.Path));
        Assert.InRange(audio.SilenceRatio!.Value, 0.45, 0.55);
        var transcript = audio.Transcript!;
        Assert.Null(transcript.SkippedReason);
        Assert.Equal(("whisper-cpp", "base.en", "en"), (transcript.Provider, transcript.Model, transcript.Language));
        Assert.NotEmpty(transcript.Segments);
        Assert.All(transcript.Segments, s => Assert.InRange(s.End, s.Start, clip.Segments[0].End + 0.2));
        Assert.Empty(result.StandardError);
    }

    [Fact(Timeout = 300_000)]
    public async Task With_only_the_whisper_model_in_place_a_talk_is_transcribed_in_process()
    {
        var clip = await TestMedia.SpeechThenSilenceAsync(TestContext.Current.CancellationToken);
        using var dir = new TempDir();
        var talk = await TestMedia.CopyAsync(clip, dir.Combine("talk.mp4"), TestContext.Current.CancellationToken);
        var models = GeneratedWhisperModel.WriteTo(dir.Combine("models"));
        using var peepshow = Peepshow(dir, withWhisperCli: false)
            .WithEnvironment("PEEPSHOW_WHISPER_MODEL_DIR", Path.GetDirectoryName(models))
            .WithEnvironment("PEEPSHOW_TRANSCRIBE_MODEL", GeneratedWhisperModel.Name);

        var result = await peepshow.RunAsync(TestContext.Current.CancellationToken, talk, "--emit", "json", "-o", dir.Combine("run"));

        var audio = Payload(result).Audio!;
        var transcript = audio.Transcript!;
        Assert.Null(transcript.SkippedReason);
        // The generated model's words are nonsense; what it says about them is real whisper.cpp output.
        Assert.Equal(("whisper", GeneratedWhisperModel.Name), (transcript.Provider, transcript.Model));
        Assert.Matches("^[a-z]{2,3}$", transcript.Language);
        Assert.Equal(audio.DurationSeconds, transcript.DurationSeconds);
        Assert.NotEmpty(transcript.Segments);
        Assert.All(transcript.Segments, s => Assert.InRange(s.End, s.Start, audio.DurationSeconds!.Value));
        Assert.Equal(string.Join(' ', transcript.Segments.Select(s => s.Text)), transcript.Text);
        Assert.Empty(result.StandardError);
    }

    [Fact(Timeout = 120_000)]
    public async Task Without_whisper_cli_the_run_succeeds_and_one_hint_says_how_to_get_transcripts()
    {
        var clip = await TestMedia.SpeechThenSilenceAsync(TestContext.Current.CancellationToken);
        using var dir = new TempDir();
        using var peepshow = Peepshow(dir, withWhisperCli: false);

        var result = await peepshow.RunAsync(TestContext.Current.CancellationToken, clip.Path, "--emit", "json");
        var quiet = await peepshow.WithEnvironment("PEEPSHOW_NO_HINTS", "1").RunAsync(TestContext.Current.CancellationToken, clip.Path, "--emit", "json");

        var audio = Payload(result).Audio!;
        Assert.NotNull(audio.Path);
        Assert.Null(audio.Transcript);
        var hint = Assert.Single(result.StderrLines);
        Assert.StartsWith($"peepshow: hint: no transcript: the whisper model ggml-base.bin is not in {Path.Combine(peepshow.Home, "whisper-models")} and downloads are off (PEEPSHOW_WHISPER_MODEL_URL=off), and whisper-cli (whisper.cpp) is not on PATH.", hint);
        Assert.Contains("peepshow doctor", hint);
        Assert.Equal(0, quiet.ExitCode);
        Assert.Empty(quiet.StandardError);
    }

    [Fact(Timeout = 120_000)]
    public async Task No_audio_an_animated_GIF_and_a_video_without_sound_all_leave_audio_path_null_without_a_hint()
    {
        var speech = await TestMedia.SpeechThenSilenceAsync(TestContext.Current.CancellationToken);
        var gif = await TestMedia.AnimatedGifAsync(TestContext.Current.CancellationToken);
        var silent = await TestMedia.HardCutsAsync(TestContext.Current.CancellationToken);
        using var dir = new TempDir();
        using var peepshow = Peepshow(dir, withWhisperCli: true);

        foreach (var (input, flags) in new[] { (speech.Path, new[] { "--no-audio" }), (gif.Path, []), (silent.Path, []) })
        {
            var run = dir.Combine(Path.GetFileName(input) + string.Concat(flags));
            var result = await peepshow.RunAsync(TestContext.Current.CancellationToken, [input, "--emit", "json", "-o", run, .. flags]);

            var audio = Payload(result).Audio;
            Assert.NotNull(audio);
            Assert.Null(audio.Path);
            Assert.False(File.Exists(Path.Combine(run, "audio.m4a")), input);
            Assert.Empty(result.StandardError);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task A_provider_that_fails_never_fails_the_run_and_says_why()
    {
        var clip = await TestMedia.SpeechThenSilenceAsync(TestContext.Current.CancellationToken);
        using var dir = new TempDir();
        using var peepshow = Peepshow(dir, withWhisperCli: true);

        var result = await peepshow.RunAsync(TestContext.Current.CancellationToken, clip.Path, "--emit", "json", "--transcribe", "openai");

        var transcript = Payload(result).Audio!.Transcript!;
        Assert.Equal("openai", transcript.Provider);
        Assert.Equal("openai needs an API key: set OPENAI_API_KEY (or PEEPSHOW_TRANSCRIBE_ENDPOINT for a local server)", transcript.SkippedReason);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_unknown_provider_on_the_command_line_is_a_usage_error()
    {
        using var dir = new TempDir();
        using var peepshow = Peepshow(dir, withWhisperCli: false);

        var result = await peepshow.RunAsync(TestContext.Current.CancellationToken, "clip.mp4", "--transcribe", "deepgram");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("deepgram", result.StderrLines[0]);
    }

    [Fact(Timeout = 120_000)]
    public async Task Emit_timeline_puts_each_frame_before_the_words_that_start_while_it_is_on_screen()
    {
        var clip = await TestMedia.SpeechThenSilenceAsync(TestContext.Current.CancellationToken);
        using var dir = new TempDir();
        using var peepshow = Peepshow(dir, withWhisperCli: true);
        PlaceModel(peepshow);

        var result = await peepshow.RunAsync(TestContext.Current.CancellationToken, clip.Path, "--emit", "timeline", "--fps", "0.5", "-o", dir.Combine("run"));

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.StdoutLines;
        Assert.Equal("# Timeline of speech-then-silence.mp4", lines[0]);
        Assert.Matches(@"^0:10\.0 · 5 frames · transcript by whisper-cpp base\.en, en: \d+ segments?, each under the frame on screen when it starts$", lines[1]);
        // Walk the timeline: frame times rise, and every segment starts within its frame's time on screen.
        var frames = new List<double>();
        var segments = 0;
        foreach (var line in lines.Skip(2))
        {
            if (FrameHeading().Match(line) is { Success: true } frame)
            {
                frames.Add(Seconds(frame.Groups[1].Value));
                Assert.Equal($"![frame {frames.Count}](<{dir.Combine("run", $"frame_{frames.Count:0000}.jpg")}>)", lines[lines.ToList().IndexOf(line) + 1]);
            }
            else if (SegmentLine().Match(line) is { Success: true } segment)
            {
                segments++;
                var start = Seconds(segment.Groups[1].Value);
                if (frames.Count > 1)
                    Assert.True(start >= frames[^1], $"segment at {start} s is under the frame at {frames[^1]} s");
                Assert.True(start < clip.Segments[0].End + 0.2, line);
            }
        }
        Assert.Equal([0, 2, 4, 6, 8], frames);
        // Every segment of the run's transcript (its manifest holds the payload), none left out of the timeline.
        var manifest = ProtocolJson.Read(await File.ReadAllBytesAsync(dir.Combine("run", "manifest.json"), TestContext.Current.CancellationToken));
        Assert.True(manifest.IsOk, manifest.Error);
        Assert.Equal(segments, manifest.Payload!.Audio!.Transcript!.Segments.Count);
    }

    private static double Seconds(string clock)
    {
        var parts = clock.Split(':');
        return parts.Aggregate(0.0, (total, part) => total * 60 + double.Parse(part, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^## (\d+:\d{2}\.\d) · frame \d+")]
    private static partial Regex FrameHeading();

    [GeneratedRegex(@"^> \[(\d+:\d{2}\.\d) → \d+:\d{2}\.\d\] \S")]
    private static partial Regex SegmentLine();
}
