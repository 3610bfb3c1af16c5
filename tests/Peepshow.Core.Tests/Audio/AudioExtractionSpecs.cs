using Peepshow.Core.Audio;
using Peepshow.Core.Tests.Transcription;
using Peepshow.Testing;
using Peepshow.Testing.Media;

namespace Peepshow.Core.Tests.Audio;

public sealed class AudioExtractionSpecs
{
    [Fact(Timeout = 60000)]
    public async Task A_spoken_clip_gives_a_mono_16_kHz_AAC_audio_m4a_as_long_as_the_source()
    {
        using var env = new SpecEnvironment();
        var clip = (await TestMedia.SpeechThenSilenceAsync(TestContext.Current.CancellationToken)).Path;
        var source = await TestMedia.ProbeAudioAsync(clip, TestContext.Current.CancellationToken);

        var audio = await env.RunAudioExtractionAsync(clip);

        Assert.Equal(Path.Combine(env.RunDir, "audio.m4a"), audio.Path);
        var written = await TestMedia.ProbeAudioAsync(audio.Path!, TestContext.Current.CancellationToken);
        Assert.Equal(("aac", 16000, 1), (written.Codec, written.SampleRate, written.Channels));
        Assert.InRange(written.Seconds, source.Seconds - 0.1, source.Seconds + 0.1);
        Assert.Equal(("aac", 16000, 1), (audio.Codec, audio.SampleRateHz, audio.Channels));
        Assert.InRange(audio.DurationSeconds!.Value, source.Seconds - 0.1, source.Seconds + 0.1);
        Assert.Null(audio.Transcript);
    }

    [Fact(Timeout = 60000)]
    public async Task Five_seconds_of_speech_then_five_of_silence_is_about_half_silent()
    {
        using var env = new SpecEnvironment();

        var audio = await env.RunAudioExtractionAsync((await TestMedia.SpeechThenSilenceAsync(TestContext.Current.CancellationToken)).Path);

        Assert.InRange(audio.SilenceRatio!.Value, 0.45, 0.55);
        Assert.InRange(audio.PeakDbfs!.Value, -30, 0.5);
    }

    [Fact(Timeout = 60000)]
    public async Task A_full_scale_sine_peaks_at_0_dBFS_and_is_not_silent()
    {
        using var env = new SpecEnvironment();

        var audio = await env.RunAudioExtractionAsync((await TestMedia.FullScaleSineAsync(TestContext.Current.CancellationToken)).Path);

        Assert.InRange(audio.PeakDbfs!.Value, -1, 1);
        Assert.Equal(0, audio.SilenceRatio);
        Assert.InRange(audio.DurationSeconds!.Value, 2 - 0.05, 2 + 0.05);
    }

    [Fact(Timeout = 60000)]
    public async Task A_time_window_cuts_the_audio_and_keeps_transcript_times_in_source_time()
    {
        using var env = new SpecEnvironment();
        env.Vars["PEEPSHOW_TRANSCRIBE_CMD"] = """cat >/dev/null; printf '{"segments":[{"start":0.5,"end":1.5,"text":"hi"}],"text":"hi"}'""";

        var audio = await env.RunAudioExtractionAsync((await TestMedia.SpeechThenSilenceAsync(TestContext.Current.CancellationToken)).Path, env.Choose(),
            r => r with { StartSeconds = 2, WindowSeconds = 2 });

        Assert.InRange(audio.DurationSeconds!.Value, 1.95, 2.05);
        var segment = Assert.Single(audio.Transcript!.Segments);
        Assert.Equal((2.5, 3.5), (segment.Start, segment.End));
    }

    [Fact(Timeout = 30000)]
    public async Task A_video_without_an_audio_stream_has_no_audio_and_no_file()
    {
        using var env = new SpecEnvironment();

        var audio = await env.RunAudioExtractionAsync((await TestMedia.HardCutsAsync(TestContext.Current.CancellationToken)).Path, adjust: r => r with { HasAudioStream = false });

        Assert.Null(audio.Path);
        Assert.Empty(Directory.GetFiles(env.RunDir));
    }

    [Fact(Timeout = 30000)]
    public async Task When_the_probe_wrongly_claims_an_audio_stream_the_pass_still_skips_cleanly_with_a_notice()
    {
        using var env = new SpecEnvironment();
        var notices = new List<string>();

        var audio = await env.RunAudioExtractionAsync((await TestMedia.HardCutsAsync(TestContext.Current.CancellationToken)).Path, adjust: r => r with { Notice = notices.Add });

        Assert.Null(audio.Path);
        Assert.Null(audio.Transcript);
        Assert.Empty(Directory.GetFiles(env.RunDir));
        Assert.StartsWith("ffmpeg could not extract the audio (", Assert.Single(notices));
    }

    [Fact(Timeout = 30000)]
    public async Task An_animated_GIF_is_skipped_without_running_anything()
    {
        using var env = new SpecEnvironment();

        // A transcriber that would fail loudly proves nothing ran.
        var audio = await env.RunAudioExtractionAsync((await TestMedia.AnimatedGifAsync(TestContext.Current.CancellationToken)).Path, env.Choose("bogus"),
            r => r with { IsAnimatedImage = true, FfmpegPath = "/nonexistent/ffmpeg" });

        Assert.Null(audio.Path);
        Assert.Null(audio.Transcript);
    }

    [Fact]
    public void The_filter_log_sums_closed_silences_and_runs_an_unclosed_one_to_the_end()
    {
        var log = new AudioFilterLog();

        foreach (var line in new[]
        {
            "[silencedetect @ 0x5581] silence_start: 1.5",
            "[silencedetect @ 0x5581] silence_end: 2.5 | silence_duration: 1",
            "[silencedetect @ 0x5581] silence_start: 8",
            "[astats@peak @ 0x5582] Peak level dB: -inf",
            "[astats@length @ 0x5583] Number of samples: 160000",
        })
            log.Feed(line);
        var result = log.Result(16000);

        Assert.Equal(new AudioMeasurements(null, 3, 160000), result);
    }
}
