using Peepshow.Core.Transcription;
using Peepshow.Testing;

namespace Peepshow.Core.Tests.Transcription;

public sealed class TranscriberSelectorSpecs
{
    [Fact]
    public void With_nothing_installed_the_in_process_whisper_provider_is_chosen_and_fetches_its_model_on_first_use()
    {
        using var env = new SpecEnvironment();
        env.Vars["OPENAI_API_KEY"] = "sk-present-but-never-used-automatically";

        var choice = TranscriberSelector.Choose(null, disabled: false, env.Settings());

        var whisper = Assert.IsType<WhisperNetTranscriber>(choice.Transcriber);
        Assert.Equal("base", whisper.Model);
        Assert.Equal("auto: in process, model ggml-base.bin (downloads on first use)", choice.Reason);
        Assert.Null(choice.Hint);
    }

    [Fact]
    public void With_whisper_cli_on_PATH_and_no_whisper_model_to_fetch_whisper_cpp_is_chosen_automatically()
    {
        using var env = new SpecEnvironment();
        env.Vars["PEEPSHOW_WHISPER_MODEL_URL"] = "off";
        var installed = env.UseWhisperCli();

        var choice = TranscriberSelector.Choose(null, disabled: false, env.Settings());

        var whisper = Assert.IsType<WhisperCppTranscriber>(choice.Transcriber);
        Assert.Equal(installed, whisper.Executable);
        Assert.Equal("base.en", whisper.Model);
        Assert.Equal($"auto: whisper-cli at {installed}", choice.Reason);
        Assert.Null(choice.Hint);
    }

    [Fact]
    public void With_no_model_to_fetch_and_no_whisper_cli_there_is_no_transcriber_and_a_hint_says_how_to_get_one()
    {
        using var env = new SpecEnvironment();
        env.Vars["PEEPSHOW_WHISPER_MODEL_URL"] = "off";
        env.Vars["OPENAI_API_KEY"] = "sk-present-but-never-used-automatically";

        var choice = TranscriberSelector.Choose(null, disabled: false, env.Settings());

        Assert.Null(choice.Transcriber);
        Assert.Contains("whisper-cli (whisper.cpp) is not on PATH", choice.Hint);
        Assert.Contains("--transcribe openai", choice.Hint);
    }

    [Fact]
    public void The_flag_beats_the_environment_and_no_transcribe_beats_both()
    {
        using var env = new SpecEnvironment(withWhisperCli: true);
        env.Vars["PEEPSHOW_TRANSCRIBE"] = "whisper-cpp";
        env.Vars["PEEPSHOW_TRANSCRIBE_CMD"] = "true";

        Assert.IsType<CustomCommandTranscriber>(TranscriberSelector.Choose("custom", disabled: false, env.Settings()).Transcriber);
        Assert.IsType<WhisperCppTranscriber>(TranscriberSelector.Choose(null, disabled: false, env.Settings()).Transcriber);
        Assert.Null(TranscriberSelector.Choose("custom", disabled: true, env.Settings()).Transcriber);
    }

    [Theory]
    [InlineData("off")]
    [InlineData("OFF")]
    public void PEEPSHOW_TRANSCRIBE_off_disables_transcription_even_with_whisper_cli_present(string value)
    {
        using var env = new SpecEnvironment(withWhisperCli: true);
        env.Vars["PEEPSHOW_TRANSCRIBE"] = value;

        var choice = TranscriberSelector.Choose(null, disabled: false, env.Settings());

        Assert.Null(choice.Transcriber);
        Assert.Equal($"transcription is off (PEEPSHOW_TRANSCRIBE={value})", choice.Reason);
    }

    [Fact]
    public void A_configured_custom_command_is_picked_up_without_naming_the_provider()
    {
        using var env = new SpecEnvironment(withWhisperCli: true);
        env.Vars["PEEPSHOW_TRANSCRIBE_CMD"] = "my-asr --json";

        var choice = TranscriberSelector.Choose(null, disabled: false, env.Settings());

        Assert.IsType<CustomCommandTranscriber>(choice.Transcriber);
        Assert.Equal("PEEPSHOW_TRANSCRIBE_CMD is set: runs `my-asr --json`", choice.Reason);
    }

    [Theory]
    [InlineData("deepgram", "unknown transcription provider 'deepgram' (PEEPSHOW_TRANSCRIBE=deepgram); use one of subtitles, whisper, whisper-cpp, openai, groq, custom or off")]
    [InlineData("custom", "the custom provider needs PEEPSHOW_TRANSCRIBE_CMD (a shell command: WAV on stdin, {segments,text} JSON on stdout)")]
    [InlineData("whisper-cpp", "whisper-cli (whisper.cpp) is not on PATH; install whisper.cpp or set PEEPSHOW_WHISPER_CPP")]
    public async Task A_provider_that_cannot_run_still_lets_the_run_finish_with_its_reason(string provider, string reason)
    {
        using var env = new SpecEnvironment();
        env.Vars["PEEPSHOW_TRANSCRIBE"] = provider;

        var choice = TranscriberSelector.Choose(null, disabled: false, env.Settings());
        var transcript = await choice.Transcriber!.TranscribeAsync(null!, TestContext.Current.CancellationToken);

        Assert.Equal(reason, choice.Problem);
        Assert.Equal((provider, reason), (transcript.Provider, transcript.SkippedReason));
    }

    [Fact]
    public void PEEPSHOW_WHISPER_CPP_may_name_a_legacy_binary_that_is_never_guessed_from_PATH()
    {
        using var env = new SpecEnvironment();
        env.Vars["PEEPSHOW_WHISPER_MODEL_URL"] = "off";
        var legacy = Path.Combine(env.Vars["PATH"]!, "main");
        File.Move(env.UseWhisperCli(), legacy);

        Assert.Null(TranscriberSelector.Choose(null, disabled: false, env.Settings()).Transcriber);
        env.Vars["PEEPSHOW_WHISPER_CPP"] = legacy;
        Assert.Equal(legacy, Assert.IsType<WhisperCppTranscriber>(TranscriberSelector.Choose(null, disabled: false, env.Settings()).Transcriber).Executable);
    }
}
