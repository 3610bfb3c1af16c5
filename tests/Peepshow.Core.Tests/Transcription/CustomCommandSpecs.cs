using Peepshow.Testing;
using Peepshow.Testing.Media;

namespace Peepshow.Core.Tests.Transcription;

public sealed class CustomCommandSpecs
{
    [Fact(Timeout = 60000)]
    public async Task A_custom_command_reads_the_WAV_on_stdin_and_its_JSON_becomes_the_transcript()
    {
        using var env = new SpecEnvironment();
        // Fails unless stdin is a 16 kHz mono 16-bit WAV (RIFF header: channels at byte 22, rate at 24, bits at 34).
        env.Vars["PEEPSHOW_TRANSCRIBE_CMD"] = """
            header=$(head -c 36 | od -An -tx1 | tr -d ' \n')
            case "$header" in 52494646????????57415645*) ;; *) echo "no WAV on stdin: $header" >&2; exit 3;; esac
            [ "${header#????????????????????????????????????????????}" = "0100803e0000007d000002001000" ] || { echo "not 16 kHz mono s16: $header" >&2; exit 3; }
            cat >/dev/null
            printf '{"segments":[{"start":0.25,"end":2,"text":" first"},{"start":2,"end":%s,"text":"second "}],"language":"EN","model":"my-asr"}' "$PEEPSHOW_AUDIO_DURATION_SECONDS"
            """;

        var audio = await env.RunAudioExtractionAsync((await TestMedia.SpeechThenSilenceAsync(TestContext.Current.CancellationToken)).Path, env.Choose());

        var transcript = audio.Transcript!;
        Assert.Null(transcript.SkippedReason);
        Assert.Equal(("custom", "my-asr", "en"), (transcript.Provider, transcript.Model, transcript.Language));
        Assert.Equal(["first", "second"], transcript.Segments.Select(s => s.Text));
        Assert.Equal(audio.DurationSeconds!.Value, transcript.Segments[1].End, 0.01);
        Assert.Equal("first second", transcript.Text);
    }

    [Fact(Timeout = 60000)]
    public async Task A_custom_command_that_exits_non_zero_is_skipped_with_its_first_stderr_line()
    {
        using var env = new SpecEnvironment();
        env.Vars["PEEPSHOW_TRANSCRIBE_CMD"] = "cat >/dev/null; echo 'model not loaded: out of memory' >&2; echo 'at line 2' >&2; exit 1";

        var audio = await env.RunAudioExtractionAsync((await TestMedia.SpeechThenSilenceAsync(TestContext.Current.CancellationToken)).Path, env.Choose("custom"));

        Assert.NotNull(audio.Path);
        Assert.Equal(("custom", "model not loaded: out of memory"), (audio.Transcript!.Provider, audio.Transcript.SkippedReason));
        Assert.Empty(audio.Transcript.Segments);
    }

    [Fact(Timeout = 60000)]
    public async Task A_custom_command_that_prints_something_other_than_JSON_is_skipped_with_a_reason()
    {
        using var env = new SpecEnvironment();
        env.Vars["PEEPSHOW_TRANSCRIBE_CMD"] = "cat >/dev/null; echo 'hello there'";

        var audio = await env.RunAudioExtractionAsync((await TestMedia.SpeechThenSilenceAsync(TestContext.Current.CancellationToken)).Path, env.Choose("custom"));

        Assert.StartsWith("PEEPSHOW_TRANSCRIBE_CMD did not print {segments,text} JSON", audio.Transcript!.SkippedReason);
    }

    [Fact(Timeout = 60000)]
    public async Task Silent_audio_is_not_sent_to_a_provider_that_would_invent_words_for_it()
    {
        using var env = new SpecEnvironment();
        env.Vars["PEEPSHOW_TRANSCRIBE_CMD"] = "cat >/dev/null; printf '{\"text\":\"Thank you.\"}'";

        var audio = await env.RunAudioExtractionAsync((await TestMedia.SpeechThenSilenceAsync(TestContext.Current.CancellationToken)).Path, env.Choose(),
            r => r with { StartSeconds = 6, WindowSeconds = 3 });

        Assert.Equal(1, audio.SilenceRatio);
        Assert.StartsWith("the audio is silent", audio.Transcript!.SkippedReason);
    }
}
