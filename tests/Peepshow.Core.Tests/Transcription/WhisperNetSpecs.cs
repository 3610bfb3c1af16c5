using System.Diagnostics;
using Peepshow.Core.Transcription;
using Peepshow.Testing;
using Peepshow.Testing.Doubles;
using Peepshow.Testing.Media;

namespace Peepshow.Core.Tests.Transcription;

/// <summary>
/// The in-process provider running real whisper.cpp inference (Whisper.net) on the generated model: the text is
/// nonsense, but loading, language detection, timestamps, chunking and cancellation are the real ones.
/// </summary>
[Collection(nameof(WhisperNetSpecs))] // one inference at a time: ggml's threads spin, and two runs would fight for the cores
public sealed class WhisperNetSpecs
{
    // Seconds on an idle machine; the random model makes whisper.cpp retry each window at every temperature.
    [Fact(Timeout = 300_000)]
    public async Task Without_whisper_cli_a_clip_is_transcribed_in_process_with_nothing_but_the_model()
    {
        using var env = new SpecEnvironment();
        env.PlaceGeneratedModel();
        var choice = TranscriberSelector.Choose(null, disabled: false, env.Settings());
        var clip = await TestMedia.SpeechThenSilenceAsync(TestContext.Current.CancellationToken);

        var audio = await env.RunAudioExtractionAsync(clip.Path, choice.Transcriber);

        Assert.IsType<WhisperNetTranscriber>(choice.Transcriber);
        Assert.Equal($"auto: in process, model {Path.Combine(env.ModelDir, "ggml-spec-tiny.bin")}", choice.Reason);
        var transcript = audio.Transcript!;
        Assert.Null(transcript.SkippedReason);
        Assert.Equal(("whisper", GeneratedWhisperModel.Name), (transcript.Provider, transcript.Model));
        Assert.Matches("^[a-z]{2,3}$", transcript.Language);
        Assert.NotEmpty(transcript.Segments);
        Assert.All(transcript.Segments, s => Assert.InRange(s.Start, 0, s.End));
        Assert.All(transcript.Segments, s => Assert.InRange(s.End, s.Start, audio.DurationSeconds!.Value));
        Assert.Equal(string.Join(' ', transcript.Segments.Select(s => s.Text)), transcript.Text);
    }

    [Fact(Timeout = 300_000)]
    public async Task Audio_longer_than_a_chunk_is_transcribed_chunk_by_chunk_with_times_in_the_source()
    {
        using var env = new SpecEnvironment();
        env.PlaceGeneratedModel();
        var wav = WriteBabbleWav(env.Combine("long.wav"), seconds: 50);
        var transcriber = new WhisperNetTranscriber(env.Settings()) { ChunkLength = TimeSpan.FromSeconds(20) };

        var stopwatch = Stopwatch.StartNew();
        var transcript = await transcriber.TranscribeAsync(Request(env, wav, 50), TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine($"50 s of audio in {stopwatch.Elapsed.TotalSeconds:0.00} s on {Environment.ProcessorCount} threads");

        Assert.Null(transcript.SkippedReason);
        Assert.All(transcript.Segments, s => Assert.InRange(s.End, s.Start, 50));
        // Each 20 s chunk starts its own decode, whose first timestamp whisper.cpp keeps within 1 s of the start.
        foreach (var chunkStart in new[] { 0.0, 20.0, 40.0 })
            Assert.Contains(transcript.Segments, s => s.Start >= chunkStart && s.Start <= chunkStart + 1.0);
        Assert.Equal(transcript.Segments.OrderBy(s => s.Start).ToList(), transcript.Segments);
    }

    [Fact(Timeout = 120_000)]
    public async Task Ctrl_C_stops_a_long_transcription_at_once()
    {
        using var env = new SpecEnvironment();
        env.PlaceGeneratedModel();
        var wav = WriteBabbleWav(env.Combine("hour.wav"), seconds: 600);
        var transcriber = new WhisperNetTranscriber(env.Settings());
        using var ctrlC = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        ctrlC.CancelAfter(TimeSpan.FromSeconds(1));

        var stopwatch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => transcriber.TranscribeAsync(Request(env, wav, 600), ctrlC.Token));

        // Whisper.net asks the token at every step of whisper.cpp's compute graph; the slack is for a busy machine.
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_download_is_installed_only_when_its_size_and_SHA_256_match_the_published_ones()
    {
        using var env = new SpecEnvironment();
        await using var models = await new ModelDownloadDouble().StartAsync(TestContext.Current.CancellationToken);
        var file = $"ggml-{GeneratedWhisperModel.Name}.bin";
        models.Files[file] = GeneratedWhisperModel.Bytes;
        env.Vars["PEEPSHOW_WHISPER_MODEL_URL"] = models.BaseUrl.ToString();
        var pinned = new Dictionary<string, KnownWhisperModel>
        {
            [GeneratedWhisperModel.Name] = new(GeneratedWhisperModel.Name, GeneratedWhisperModel.Bytes.Length, GeneratedWhisperModel.Sha256),
        };
        var store = new WhisperModelStore(env.Settings(), pinned);

        models.Replies[file] = ModelReply.Corrupt;
        var corrupt = await Assert.ThrowsAsync<TranscriptionSkippedException>(() => store.EnsureAsync(GeneratedWhisperModel.Name, TestContext.Current.CancellationToken));
        Assert.Contains($"(the downloaded file is corrupt (its SHA-256 is not the published one of {file}))", corrupt.Message);
        Assert.Empty(Directory.GetFiles(env.ModelDir));

        models.Files[file] = [.. GeneratedWhisperModel.Bytes, 0];
        models.Replies[file] = ModelReply.Model;
        var longer = await Assert.ThrowsAsync<TranscriptionSkippedException>(() => store.EnsureAsync(GeneratedWhisperModel.Name, TestContext.Current.CancellationToken));
        Assert.Contains($"announced {GeneratedWhisperModel.Bytes.Length + 1} bytes, but {file} has {GeneratedWhisperModel.Bytes.Length}", longer.Message);
        Assert.Empty(Directory.GetFiles(env.ModelDir));

        models.Files[file] = GeneratedWhisperModel.Bytes;
        var path = await store.EnsureAsync(GeneratedWhisperModel.Name, TestContext.Current.CancellationToken);
        Assert.Equal(GeneratedWhisperModel.Bytes, await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));
        Assert.Equal([file], Directory.GetFiles(env.ModelDir).Select(Path.GetFileName));
    }

    [Fact]
    public void The_published_models_are_pinned_by_exact_size_and_SHA_256()
    {
        Assert.Equal(
            ["base", "base.en", "large-v3", "large-v3-turbo", "medium", "medium.en", "small", "small.en", "tiny", "tiny.en"],
            KnownWhisperModels.All.Keys.Order(StringComparer.Ordinal));
        Assert.All(KnownWhisperModels.All.Values, m => Assert.Matches("^[0-9a-f]{64}$", m.Sha256));
        Assert.Equal(147_951_465, KnownWhisperModels.All["base"].Bytes);
    }

    [Fact]
    public void Without_its_native_runtime_whisper_cli_takes_over_and_one_line_says_why()
    {
        using var env = new SpecEnvironment(withWhisperCli: true);
        var settings = env.Settings() with { WhisperRuntimeDir = env.Combine("no-runtime") };
        var missing = $"the whisper provider's native runtime is missing: {env.Combine("no-runtime", "libwhisper.so")} (keep the runtimes/ folder next to the peepshow binary)";

        var automatic = TranscriberSelector.Choose(null, disabled: false, settings);
        var asked = TranscriberSelector.Choose("whisper", disabled: false, settings);

        Assert.IsType<WhisperCppTranscriber>(automatic.Transcriber);
        Assert.Equal($"transcribing with whisper-cli: {missing}", automatic.Hint);
        Assert.Equal(missing, asked.Problem);
        Assert.Contains($"whisper      unavailable: {missing}", TranscriptionDiagnosis.Diagnose(null, disabled: false, settings).ToString());
    }

    [Fact]
    public void With_downloads_off_the_whisper_provider_is_chosen_only_when_its_model_is_already_there()
    {
        using var env = new SpecEnvironment();
        env.Vars["PEEPSHOW_WHISPER_MODEL_URL"] = "off";

        var nothing = TranscriberSelector.Choose(null, disabled: false, env.Settings());
        Assert.Null(nothing.Transcriber);
        Assert.StartsWith($"no transcript: the whisper model ggml-base.bin is not in {env.ModelDir} and downloads are off (PEEPSHOW_WHISPER_MODEL_URL=off), and whisper-cli", nothing.Hint);

        var cli = env.UseWhisperCli();
        Assert.Equal($"auto: whisper-cli at {cli}", TranscriberSelector.Choose(null, disabled: false, env.Settings()).Reason);
        Assert.Null(TranscriberSelector.Choose(null, disabled: false, env.Settings()).Hint);

        env.PlaceGeneratedModel();
        Assert.IsType<WhisperNetTranscriber>(TranscriberSelector.Choose(null, disabled: false, env.Settings()).Transcriber);
    }

    private static TranscriptionRequest Request(SpecEnvironment env, string wav, double seconds) => new()
    {
        AudioPath = wav,
        WavPath = wav,
        DurationSeconds = seconds,
        WorkDir = env.RunDir,
        FfmpegPath = SpecEnvironment.Ffmpeg,
    };

    /// <summary>A 16 kHz mono s16 WAV of noise bursts and pauses, speech-like enough to keep the decoder busy.</summary>
    private static string WriteBabbleWav(string path, int seconds)
    {
        var random = new Random(7);
        using var writer = new BinaryWriter(File.Create(path));
        var samples = seconds * 16000;
        writer.Write("RIFF"u8);
        writer.Write(36 + samples * 2);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(16000);
        writer.Write(32000);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(samples * 2);
        for (var i = 0; i < samples; i++)
        {
            var loud = i / 8000 % 3 != 2;
            writer.Write((short)(loud ? random.Next(-8000, 8000) : random.Next(-50, 50)));
        }
        return path;
    }
}
