using Peepshow.Core.Audio;
using Peepshow.Core.Processes;
using Peepshow.Core.Transcription;
using Peepshow.Protocol.Payload;
using Peepshow.Testing;

namespace Peepshow.Core.Tests.Transcription;

/// <summary>
/// A private environment for one spec: its own HOME and PEEPSHOW_HOME under a temp dir, a PATH that holds
/// only what the spec puts there, and a run folder. Nothing reads the real process environment.
/// </summary>
internal sealed class SpecEnvironment : IDisposable
{
    public static readonly string Ffmpeg = Peepshow.Core.Media.FfmpegLocator.Locate(EnvironmentVariables.Process.Get, Environment.CurrentDirectory).FfmpegPath;

    private readonly TempDir _dir = new("peepshow-audio-spec");

    public SpecEnvironment(bool withWhisperCli = false)
    {
        Vars["HOME"] = _dir.Combine("home");
        Vars["PEEPSHOW_HOME"] = _dir.Combine("home", ".peepshow");
        Vars["PATH"] = _dir.Combine("bin");
        // Automatic choice may pick the whisper provider, whose model download must never leave the machine.
        Vars["PEEPSHOW_WHISPER_MODEL_URL"] = $"http://127.0.0.1:{Testing.Http.LoopbackServer.UnusedPort()}";
        if (withWhisperCli)
            UseWhisperCli();
        Directory.CreateDirectory(RunDir);
    }

    public Dictionary<string, string?> Vars { get; } = new(StringComparer.Ordinal);

    public string RunDir => _dir.Combine("run");

    public string ModelDir => Path.Combine(Vars["PEEPSHOW_HOME"]!, "whisper-models");

    public string Combine(params string[] parts) => _dir.Combine(parts);

    public TranscriptionSettings Settings() =>
        TranscriptionSettings.FromEnvironment(name => Vars.GetValueOrDefault(name), Environment.CurrentDirectory) with { RetryBaseDelay = TimeSpan.FromMilliseconds(20) };

    /// <summary>Puts the <c>whisper-cli</c> double on this spec's PATH, steered by <paramref name="doubleEnv"/>; returns its path.</summary>
    public string UseWhisperCli(params (string Name, string Value)[] doubleEnv) => FakeWhisperCli.InstallTo(Vars["PATH"]!, doubleEnv);

    /// <summary>Puts a file that passes for a ggml model where whisper-cli will look for it.</summary>
    public string PlaceModel(string model = "base.en")
    {
        Directory.CreateDirectory(ModelDir);
        var path = Path.Combine(ModelDir, $"ggml-{model}.bin");
        File.WriteAllBytes(path, Testing.Doubles.ModelDownloadDouble.FakeModel(1024));
        return path;
    }

    /// <summary>Puts the generated whisper model in the model folder and makes it the model of the run.</summary>
    public string PlaceGeneratedModel()
    {
        Vars["PEEPSHOW_TRANSCRIBE_MODEL"] = GeneratedWhisperModel.Name;
        return GeneratedWhisperModel.WriteTo(ModelDir);
    }

    public Task<AudioInfo> RunAudioExtractionAsync(string input, ITranscriber? transcriber = null, Func<AudioRequest, AudioRequest>? adjust = null)
    {
        var request = new AudioRequest { InputPath = input, OutputDir = RunDir, FfmpegPath = Ffmpeg, Transcriber = transcriber };
        return AudioExtraction.RunAsync(adjust?.Invoke(request) ?? request, TestContext.Current.CancellationToken);
    }

    public ITranscriber Choose(string? provider = null) => TranscriberSelector.Choose(provider, disabled: false, Settings()).Transcriber
        ?? throw new InvalidOperationException("no transcriber chosen");

    public void Dispose() => _dir.Dispose();
}
