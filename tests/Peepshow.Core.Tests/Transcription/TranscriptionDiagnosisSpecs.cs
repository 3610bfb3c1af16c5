using Peepshow.Core.Transcription;

namespace Peepshow.Core.Tests.Transcription;

public sealed class TranscriptionDiagnosisSpecs
{
    [Fact]
    public void With_whisper_cli_and_the_model_nothing_is_left_to_do_and_key_values_never_show()
    {
        using var env = new SpecEnvironment(withWhisperCli: true);
        env.Vars["PEEPSHOW_WHISPER_MODEL_URL"] = "off";
        var model = env.PlaceModel();
        env.PlaceModel("small");
        env.Vars["OPENAI_API_KEY"] = "sk-secret-value-never-printed";

        var diagnosis = TranscriptionDiagnosis.Diagnose(null, disabled: false, env.Settings());
        var text = diagnosis.ToString();

        Assert.Empty(diagnosis.ToDo);
        Assert.Contains($"provider     whisper-cpp (auto: whisper-cli at {diagnosis.WhisperCli})", text);
        Assert.Contains($"model        ggml-base.en.bin: present at {model}", text);
        Assert.Contains($"model dir    {env.ModelDir}: ggml-base.en.bin (0.0 MB), ggml-small.bin (0.0 MB)", text);
        Assert.Contains("api keys     OPENAI_API_KEY set, GROQ_API_KEY not set", text);
        Assert.DoesNotContain("sk-secret", text);
    }

    [Fact]
    public void Without_whisper_cli_the_in_process_provider_would_run_once_its_model_is_downloaded()
    {
        using var env = new SpecEnvironment();
        env.Vars.Remove("PEEPSHOW_WHISPER_MODEL_URL");

        var diagnosis = TranscriptionDiagnosis.Diagnose(null, disabled: false, env.Settings());

        Assert.IsType<WhisperNetTranscriber>(diagnosis.Choice.Transcriber);
        Assert.StartsWith("provider     whisper (auto: in process, model ggml-base.bin (downloads on first use))", diagnosis.ToString());
        Assert.Contains($"whisper      in process (Whisper.net), runtime {Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64")}", diagnosis.ToString());
        Assert.Contains("model        ggml-base.bin: not downloaded yet (from https://huggingface.co/ggerganov/whisper.cpp/resolve/main/ggml-base.bin, checked by size and SHA-256)", diagnosis.ToString());
        Assert.Equal([$"the model ggml-base.bin downloads on first use; offline, fetch https://huggingface.co/ggerganov/whisper.cpp/resolve/main/ggml-base.bin yourself and save it as {env.ModelDir}/ggml-base.bin"], diagnosis.ToDo);
    }

    [Fact]
    public void With_no_whisper_model_to_fetch_and_no_whisper_cli_it_says_what_to_install_and_that_nothing_would_transcribe()
    {
        using var env = new SpecEnvironment();
        env.Vars["PEEPSHOW_WHISPER_MODEL_URL"] = "off";

        var diagnosis = TranscriptionDiagnosis.Diagnose(null, disabled: false, env.Settings());

        Assert.Null(diagnosis.Choice.Transcriber);
        Assert.StartsWith("provider     none (no provider available: the whisper model ggml-base.bin is not in", diagnosis.ToString());
        Assert.Contains(diagnosis.ToDo, line => line.StartsWith("for local transcripts install whisper.cpp so whisper-cli is on PATH: ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_chosen_provider_that_cannot_run_is_the_first_thing_to_fix()
    {
        using var env = new SpecEnvironment(withWhisperCli: true);
        env.Vars["PEEPSHOW_TRANSCRIBE"] = "groq";

        var diagnosis = TranscriptionDiagnosis.Diagnose(null, disabled: false, env.Settings());

        Assert.Equal("groq needs an API key: set GROQ_API_KEY (or PEEPSHOW_TRANSCRIBE_ENDPOINT for a local server)", diagnosis.ToDo[0]);
    }
}
