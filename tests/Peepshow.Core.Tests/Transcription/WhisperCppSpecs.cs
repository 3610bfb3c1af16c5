using System.Text;
using Peepshow.Core.Transcription;
using Peepshow.Testing;
using Peepshow.Testing.Media;
using Peepshow.Testing.Doubles;
using Peepshow.Testing.Http;

namespace Peepshow.Core.Tests.Transcription;

public sealed class WhisperCppSpecs
{
    [Fact(Timeout = 60000)]
    public async Task With_whisper_cli_on_PATH_and_its_model_in_place_an_offline_machine_transcribes_with_no_configuration()
    {
        using var env = new SpecEnvironment();
        env.Vars["PEEPSHOW_WHISPER_MODEL_URL"] = "off";
        var model = env.PlaceModel();
        var argsFile = env.Combine("whisper-args.txt");
        env.UseWhisperCli(("FAKE_WHISPER_ARGS_FILE", argsFile));
        var choice = TranscriberSelector.Choose(null, disabled: false, env.Settings());

        var clip = await TestMedia.SpeechThenSilenceAsync(TestContext.Current.CancellationToken);

        var audio = await env.RunAudioExtractionAsync(clip.Path, choice.Transcriber);

        var transcript = audio.Transcript!;
        Assert.Null(transcript.SkippedReason);
        Assert.Equal(("whisper-cpp", "base.en", "en"), (transcript.Provider, transcript.Model, transcript.Language));
        // The double only puts segments where the WAV is loud: inside the 5 s of speech, none in the silence.
        Assert.NotEmpty(transcript.Segments);
        Assert.All(transcript.Segments, s => Assert.InRange(s.End, s.Start, clip.Segments[0].End + 0.2));
        Assert.Equal(0, transcript.Segments[0].Start, 0.3);
        Assert.Equal("Segment 1 café from", transcript.Segments[0].Text[..19]);
        Assert.StartsWith("Segment 1 café from 0.0s to", transcript.Text);
        Assert.Contains("\"quoted\"", transcript.Text);
        var args = await File.ReadAllLinesAsync(argsFile, TestContext.Current.CancellationToken);
        Assert.Equal(model, args[Array.IndexOf(args, "-m") + 1]);
        Assert.Equal("auto", args[Array.IndexOf(args, "-l") + 1]);
        Assert.EndsWith(".wav", args[Array.IndexOf(args, "-f") + 1]);
        Assert.Contains("-oj", args);
    }

    [Fact(Timeout = 60000)]
    public async Task A_missing_model_is_downloaded_on_first_use_through_a_temp_file()
    {
        using var env = new SpecEnvironment(withWhisperCli: true);
        await using var models = await new ModelDownloadDouble().StartAsync(TestContext.Current.CancellationToken);
        // A quantized variant: not in the pinned table, so checked by length and magic (the pinned ones: WhisperNetSpecs).
        models.Replies["ggml-tiny.en-q5_1.bin"] = ModelReply.Model;
        env.Vars["PEEPSHOW_WHISPER_MODEL_URL"] = models.BaseUrl.ToString().TrimEnd('/');
        env.Vars["PEEPSHOW_TRANSCRIBE_MODEL"] = "tiny.en-q5_1";
        var progress = new StringWriter();

        var path = await new WhisperModelStore(env.Settings() with { Progress = progress }).EnsureAsync("tiny.en-q5_1", TestContext.Current.CancellationToken);

        Assert.Equal(Path.Combine(env.ModelDir, "ggml-tiny.en-q5_1.bin"), path);
        Assert.Equal(ModelDownloadDouble.FakeModel(), await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));
        Assert.Equal(["ggml-tiny.en-q5_1.bin"], Directory.GetFiles(env.ModelDir).Select(Path.GetFileName));
        Assert.Contains("downloading whisper model ggml-tiny.en-q5_1.bin (0.3 MB)", progress.ToString());
        Assert.Contains("peepshow: ggml-tiny.en-q5_1.bin 50% (0.1 MB of 0.3 MB)", progress.ToString());
    }

    [Fact(Timeout = 60000)]
    public async Task Offline_a_missing_model_skips_the_transcript_with_the_documented_reason_and_the_run_goes_on()
    {
        using var env = new SpecEnvironment(withWhisperCli: true);
        var baseUrl = $"http://127.0.0.1:{LoopbackServer.UnusedPort()}";
        env.Vars["PEEPSHOW_WHISPER_MODEL_URL"] = baseUrl;

        var audio = await env.RunAudioExtractionAsync((await TestMedia.SpeechThenSilenceAsync(TestContext.Current.CancellationToken)).Path, env.Choose("whisper-cpp"));

        Assert.NotNull(audio.Path);
        var reason = audio.Transcript!.SkippedReason!;
        Assert.StartsWith("whisper.cpp model ggml-base.en.bin is missing and could not be downloaded (", reason);
        Assert.EndsWith(
            $"); download {baseUrl}/ggml-base.en.bin and save it as {env.ModelDir}/ggml-base.en.bin (or set PEEPSHOW_WHISPER_MODEL_DIR to a folder that has it)",
            reason);
        Assert.Empty(audio.Transcript.Segments);
        Assert.False(Directory.Exists(env.ModelDir) && Directory.EnumerateFileSystemEntries(env.ModelDir).Any());
    }

    [Theory(Timeout = 60000)]
    [InlineData(ModelReply.Html, "did not return a ggml model file")]
    [InlineData(ModelReply.NotFound, "(HTTP 404)")]
    [InlineData(ModelReply.Truncated, "ggml-base.en-q5_1.bin is missing and could not be downloaded")]
    public async Task A_bad_download_never_leaves_a_file_where_whisper_cli_would_load_it(ModelReply reply, string expected)
    {
        using var env = new SpecEnvironment();
        await using var models = await new ModelDownloadDouble().StartAsync(TestContext.Current.CancellationToken);
        models.Replies["ggml-base.en-q5_1.bin"] = reply;
        env.Vars["PEEPSHOW_WHISPER_MODEL_URL"] = models.BaseUrl.ToString();

        var error = await Assert.ThrowsAsync<TranscriptionSkippedException>(() =>
            new WhisperModelStore(env.Settings()).EnsureAsync("base.en-q5_1", TestContext.Current.CancellationToken));

        Assert.Contains(expected, error.Message);
        Assert.Empty(Directory.GetFiles(env.ModelDir));
    }

    [Fact]
    public async Task A_model_name_that_is_not_a_plain_token_never_becomes_a_path_or_URL()
    {
        using var env = new SpecEnvironment();

        var error = await Assert.ThrowsAsync<TranscriptionSkippedException>(() =>
            new WhisperModelStore(env.Settings()).EnsureAsync("../../etc/passwd", TestContext.Current.CancellationToken));

        Assert.Contains("is not a whisper.cpp model name", error.Message);
    }

    [Fact(Timeout = 60000)]
    public async Task A_failing_whisper_cli_becomes_a_skipped_reason_with_its_error_line()
    {
        using var env = new SpecEnvironment();
        env.PlaceModel();
        env.UseWhisperCli(("FAKE_WHISPER_EXIT", "10"));

        var audio = await env.RunAudioExtractionAsync((await TestMedia.SpeechThenSilenceAsync(TestContext.Current.CancellationToken)).Path, env.Choose("whisper-cpp"));

        Assert.NotNull(audio.Path);
        Assert.Matches(@"^whisper-cli failed \(exit 10\): .*failed to process audio$", audio.Transcript!.SkippedReason);
    }

    [Fact(Timeout = 60000)]
    public async Task Whisper_cli_exiting_0_without_its_JSON_is_not_mistaken_for_an_empty_transcript()
    {
        using var env = new SpecEnvironment(withWhisperCli: true);
        env.PlaceModel();
        // The real whisper-cli prints "unknown language" and exits 0.
        env.Vars["PEEPSHOW_TRANSCRIBE_LANGUAGE"] = "klingon";

        var audio = await env.RunAudioExtractionAsync((await TestMedia.SpeechThenSilenceAsync(TestContext.Current.CancellationToken)).Path, env.Choose("whisper-cpp"));

        Assert.Equal("whisper-cli wrote no JSON output: error: unknown language 'klingon'", audio.Transcript!.SkippedReason);
    }

    [Fact]
    public void Whisper_JSON_with_raw_control_characters_and_a_split_UTF8_character_still_parses()
    {
        // whisper-cli escapes only '"' and '\'; a token boundary can cut a multi-byte character in half.
        var json = Encoding.UTF8.GetBytes("{\"result\": {\"language\": \"fr\"},\"transcription\": [{\"offsets\": {\"from\": 1230,\"to\": 4560},\"text\": \" caf\té\n\\\"ok\\\" ")
            .Concat(new byte[] { 0xC3 })
            .Concat(Encoding.UTF8.GetBytes("\"}]}"))
            .ToArray();

        var (language, segments) = WhisperCppOutput.Parse(json);

        Assert.Equal("fr", language);
        var segment = Assert.Single(segments);
        Assert.Equal((1.23, 4.56), (segment.Start, segment.End));
        Assert.Equal(" caf\té\n\"ok\" \uFFFD", segment.Text);
    }
}
