using Peepshow.Protocol.Payload;
using Whisper.net;

namespace Peepshow.Core.Transcription;

/// <summary>
/// Local transcription in process with Whisper.net (whisper.cpp as a library): nothing to install, the model is
/// fetched on first use (<see cref="WhisperModelStore"/>), the native runtime ships beside the binary
/// (<see cref="WhisperRuntime"/>). Ctrl+C reaches whisper.cpp's abort callback, so a long decode stops at once.
/// </summary>
public sealed class WhisperNetTranscriber(TranscriptionSettings settings) : ITranscriber
{
    public const string ProviderName = "whisper";

    /// <summary>Multilingual, so the language is detected; 142 MB, fast on a laptop CPU.</summary>
    public const string DefaultModel = "base";

    /// <summary>
    /// whisper.cpp walks any buffer in 30 s windows itself, but first computes the mel spectrogram of all of it,
    /// holding samples and spectrogram at once (about 100 MB per hour) without checking for Ctrl+C meanwhile.
    /// Five-minute chunks keep memory flat and cancellation quick; a word cut at a chunk edge is the cost.
    /// </summary>
    public static readonly TimeSpan DefaultChunkLength = TimeSpan.FromMinutes(5);

    public string Name => ProviderName;

    public string Model { get; } = settings.Model ?? DefaultModel;

    public bool NeedsWav => true;

    /// <summary>How much audio one whisper.cpp call gets; specs shorten it to exercise the chunking.</summary>
    public TimeSpan ChunkLength { get; init; } = DefaultChunkLength;

    /// <summary>Why the model can neither be read nor fetched (so automatic choice moves on); null when it can.</summary>
    public static string? ModelUnavailable(TranscriptionSettings settings)
    {
        var model = settings.Model ?? DefaultModel;
        if (!WhisperModelStore.IsValidModelName(model))
            return $"'{model}' is not a whisper model name ({TranscriptionEnv.Model})";
        var store = new WhisperModelStore(settings);
        if (File.Exists(store.PathFor(model)) || !settings.ModelDownloadsOff)
            return null;
        return $"the whisper model {WhisperModelStore.FileName(model)} is not in {store.Directory} and downloads are off ({TranscriptionEnv.WhisperModelUrl}=off)";
    }

    /// <summary>The model part of the choice's reason: present, or fetched on first use.</summary>
    public static string DescribeModel(TranscriptionSettings settings)
    {
        var model = settings.Model ?? DefaultModel;
        var store = new WhisperModelStore(settings);
        return WhisperModelStore.IsValidModelName(model) && File.Exists(store.PathFor(model))
            ? $"model {store.PathFor(model)}"
            : $"model {WhisperModelStore.FileName(model)} (downloads on first use)";
    }

    public async Task<TranscriptInfo> TranscribeAsync(TranscriptionRequest request, CancellationToken cancellationToken)
    {
        var wav = request.WavPath ?? throw new InvalidOperationException("whisper needs the WAV the audio pass writes");
        if (WhisperRuntime.EnsureLoaded(settings.WhisperRuntimeDir) is { } problem)
            throw new TranscriptionSkippedException(problem);
        var modelPath = await new WhisperModelStore(settings).EnsureAsync(Model, cancellationToken);

        using var factory = WhisperFactory.FromPath(modelPath);
        var language = settings.IsLanguageAuto ? null : settings.Language;
        var segments = new List<TranscriptSegment>();
        var offset = 0.0;
        var chunkSamples = (int)(ChunkLength.TotalSeconds * Audio.AudioExtraction.SampleRateHz);
        await foreach (var samples in PcmWav.ReadChunksAsync(wav, chunkSamples, cancellationToken))
        {
            // The first chunk's detected language holds for the rest: one talk, one language.
            await using var processor = Build(factory, modelPath, language);
            await foreach (var segment in processor.ProcessAsync(samples, cancellationToken))
            {
                if (language is null && !string.IsNullOrEmpty(segment.Language))
                    language = segment.Language;
                // A segment never ends after the audio does (the last 30 s window reaches past it).
                var start = Math.Min(offset + segment.Start.TotalSeconds, request.DurationSeconds);
                var end = Math.Min(offset + segment.End.TotalSeconds, request.DurationSeconds);
                segments.Add(new TranscriptSegment(start, end, segment.Text));
            }
            offset += (double)samples.Length / Audio.AudioExtraction.SampleRateHz;
        }
        return Transcripts.Build(ProviderName, Model, language, request.DurationSeconds, segments);
    }

    private static WhisperProcessor Build(WhisperFactory factory, string modelPath, string? language)
    {
        try
        {
            return factory.CreateBuilder()
                .WithThreads(Environment.ProcessorCount)
                .WithLanguage(language ?? "auto")
                .Build();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new TranscriptionSkippedException($"whisper cannot load the model {modelPath} ({ex.Message}); delete it so peepshow downloads it again", ex);
        }
    }
}
