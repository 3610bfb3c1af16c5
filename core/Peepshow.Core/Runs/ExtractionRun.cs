using System.Diagnostics;
using System.Runtime.InteropServices;
using Peepshow.Core.Extraction;
using Peepshow.Core.History;
using Peepshow.Core.Inputs;
using Peepshow.Core.Media;
using Peepshow.Core.Outbox;
using Peepshow.Core.Sinks;
using Peepshow.Core.Transcription;
using Peepshow.Protocol.Payload;

namespace Peepshow.Core.Runs;

/// <summary>
/// One extraction, start to finish: locate ffmpeg, make the input local, probe, analyse (with the audio
/// pass running alongside), select, extract, then sinks and manifest.json. Any failure leaves no
/// half-written run behind: a folder peepshow created is removed, files it added to <c>--output</c> are deleted.
/// </summary>
public sealed class ExtractionRun(RunServices services)
{
    public static string PeepshowVersion { get; } =
        typeof(ExtractionRun).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public async Task<RunResult> RunAsync(RunRequest request, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var createdAt = services.Clock.GetUtcNow();
        var runId = request.RunId ?? RunId.New(createdAt);

        var ffmpeg = FfmpegLocator.Locate(services.Environment.Get, services.WorkingDirectory);
        var limits = InputLimits.FromEnvironment(services.Environment.Get);
        var ytDlp = YtDlp.FromEnvironment(services.Environment.Get, services.WorkingDirectory);
        // Refused before anything is written: a run whose deliveries could not be kept must not start.
        if (services.Sinks is not null)
            await services.Sinks.PrepareAsync(cancellationToken);
        var outputDir = Path.GetFullPath(request.OutputDir ?? Path.Combine(services.Environment.TempFolder(), $"peepshow-{runId}"), services.WorkingDirectory);
        using var folder = RunFolder.Open(outputDir, runId, SinkOutbox.FromEnvironment(services.Environment.Get, services.WorkingDirectory));

        using var runCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<AudioInfo?>? audio = null;
        try
        {
            var ct = runCancellation.Token;
            var pages = new PageDownloader(ytDlp, limits, ffmpeg.FfmpegPath, services.Progress, services.Environment);
            var input = await new InputResolver(limits, services.HttpHandler, pages, services.WorkingDirectory)
                .ResolveAsync(request.Input, outputDir, services.Stdin, ct);
            if (input.IsCopy)
                folder.Created(input.LocalPath);

            services.Trace?.Invoke($"timing: input ready at {stopwatch.ElapsedMilliseconds} ms (cpu {Environment.CpuUsage.TotalTime.TotalMilliseconds:0} ms)");
            var (media, source) = await OpenAsync(ffmpeg, input, services.Environment.Get, ct);
            var version = media.ToolVersion;
            services.Trace?.Invoke($"timing: probed at {stopwatch.ElapsedMilliseconds} ms (cpu {Environment.CpuUsage.TotalTime.TotalMilliseconds:0} ms)");
            request = ClampWindow(request, media, input.DisplayName);

            var audioOff = IsAudioOff(request, services.Environment.Get);
            if (services.Audio is not null && !audioOff)
                audio = services.Audio.RunAsync(new AudioStageContext(request, input, media, ffmpeg, outputDir), ct);

            var output = new ExtractRequest
            {
                OutputDir = outputDir,
                Format = request.Format,
                MaxWidth = request.Width,
                Progress = services.Progress,
            };
            var analysis = await AnalyseAsync(source, request, media, output, ct);
            var selection = analysis.Selection;
            services.Trace?.Invoke($"timing: analysed {selection.FramesAnalysed} pictures at {stopwatch.ElapsedMilliseconds} ms (cpu {Environment.CpuUsage.TotalTime.TotalMilliseconds:0} ms)");
            if (selection.Frames.Count == 0)
                throw ZeroFrames(request, media);

            services.Progress?.Stage("extracting", selection.Frames.Count);
            var extracted = await source.ExtractAsync(analysis, output, ct);
            foreach (var frame in extracted.Frames)
                folder.Created(frame.Path);
            var extractionMs = stopwatch.Elapsed.TotalMilliseconds;
            services.Trace?.Invoke($"timing: {extracted.Frames.Count} frames written ({extracted.Seeks} by seeking) at {extractionMs:0} ms (cpu {Environment.CpuUsage.TotalTime.TotalMilliseconds:0} ms)");

            var warnings = new List<string>([.. analysis.Warnings, .. extracted.Warnings]);
            // Transcription can outlast the frames by a while (and fetch a model on first use): say so.
            if (audio is { IsCompleted: false })
                services.Progress?.Stage("transcribing audio", null);
            var audioInfo = await AwaitAudioAsync(audio, warnings, ct);
            audio = null;
            // The payload contract keeps the audio object, with a null path, when audio was turned off.
            if (audioOff && services.Audio is not null)
                audioInfo = new AudioInfo();

            var payload = BuildPayload(runId, createdAt, request, input, media, ffmpeg, outputDir, selection, extracted, extractionMs, audioInfo);

            if (request.ContactSheet && await WriteContactSheetAsync(ffmpeg, payload, warnings, ct) is { } sheet)
                folder.Created(sheet);

            IReadOnlyList<SinkResult> sinks = [];
            if (services.Sinks is not null)
                sinks = await services.Sinks.DeliverAsync(new DeliveryContext(payload, request, outputDir, services.Progress), ct);

            var facts = new ManifestFacts
            {
                PeepshowVersion = PeepshowVersion,
                Command = ["peepshow", .. request.CommandLine.Select(ShortenForManifest)],
                Host = new ManifestHost(
                    $"{RuntimeInformation.OSDescription.Trim()} {RuntimeInformation.OSArchitecture}".ToLowerInvariant(),
                    RuntimeInformation.FrameworkDescription,
                    new ManifestFfmpeg(ffmpeg.Source, ffmpeg.FfmpegPath, ffmpeg.FfprobePath, version.Text)),
                Sinks = sinks,
                Warnings = warnings,
                ExitCode = ExitCodes.Ok,
                ElapsedMs = Math.Round(stopwatch.Elapsed.TotalMilliseconds, 2),
            };
            var manifest = await RunManifest.WriteAsync(outputDir, payload, facts, ct);
            if (!request.NoReport)
                await WriteReportAsync(outputDir, payload, facts, warnings, ct);
            var recorded = await RecordAsync(RunRecord.From(payload, manifest, sinks, services.Origin));

            return new RunResult(payload, manifest, [.. Hints(request, media, selection, warnings), .. services.Audio?.Hints ?? [], .. recorded], sinks);
        }
        catch
        {
            await runCancellation.CancelAsync();
            if (audio is not null)
            {
                try
                {
                    await audio;
                }
                catch (Exception)
                {
                    // The run already failed; the audio pass's own error would only hide the real one.
                }
            }
            var removed = folder.Discard();
            if (cancellationToken.IsCancellationRequested)
                throw new PeepshowException(ExitCodes.Interrupted, removed
                    ? "interrupted; the partial run was removed"
                    : $"interrupted; {outputDir} was kept: deliveries waiting in the outbox point at it (peepshow sinks pending)");
            throw;
        }
    }

    /// <summary>The sheet is an overview, not the run: when ffmpeg cannot draw it, the run goes on with a warning.</summary>
    private static async Task<string?> WriteContactSheetAsync(FfmpegInstallation ffmpeg, RunPayload payload, List<string> warnings, CancellationToken ct)
    {
        try
        {
            return await ContactSheet.WriteAsync(ffmpeg, payload, ct);
        }
        catch (Exception ex) when (ex is PeepshowException or IOException or UnauthorizedAccessException)
        {
            warnings.Add($"contact.jpg was not written: {ex.Message}");
            return null;
        }
    }

    /// <summary>The run is complete once its manifest is written: a report that cannot be written costs a warning, never the run.</summary>
    private static async Task WriteReportAsync(string outputDir, RunPayload payload, ManifestFacts facts, List<string> warnings, CancellationToken ct)
    {
        try
        {
            await Output.RunReport.WriteAsync(outputDir, payload, facts, ct);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            warnings.Add($"report.html was not written: {ex.Message}");
        }
    }

    /// <summary>
    /// Adds the finished run to the history. The run is complete by then, so a history that cannot be written
    /// costs a hint, never the run; nor is it cancelled halfway (a line without its run, or a run without its line).
    /// </summary>
    private async Task<IReadOnlyList<string>> RecordAsync(RunRecord record)
    {
        if (services.History is not { } history)
            return [];
        try
        {
            await history.AppendAsync(record, CancellationToken.None);
            return [];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PeepshowException)
        {
            return [$"the run was not added to the run history {history.Path}: {ex.Message}"];
        }
    }

    private static async Task<(MediaAnalysis Media, IFrameSource Source)> OpenAsync(FfmpegInstallation ffmpeg, ResolvedInput input, Func<string, string?> env, CancellationToken ct)
    {
        var head = MediaSniffer.ReadHead(input.LocalPath);
        if (MediaSniffer.IsAnimatedWebP(head))
        {
            WebPAnimation.EnsureUsable(input.DisplayName, env);
            var webp = WebPFrameSource.Open(ffmpeg, FfmpegVersion.Unknown, input.LocalPath, input.DisplayName);
            return (webp.Media, webp);
        }

        MediaAnalysis media;
        try
        {
            media = await FfProbe.AnalyseAsync(ffmpeg, input.LocalPath, input.DisplayName, ct);
        }
        catch (PeepshowException ex) when (ex.ExitCode == ExitCodes.InputUnresolvable && MediaSniffer.LooksLikeText(head))
        {
            // ffprobe would blame a missing moov atom; the real story is simpler.
            throw new PeepshowException(ExitCodes.InputUnresolvable, $"{input.DisplayName} is a text file, not a video", ex);
        }
        if (media.IsStillImage)
            throw new PeepshowException(ExitCodes.InputUnresolvable,
                $"{input.DisplayName} is a still image ({FfProbe.ContainerName(media.FormatName, null)}), not a video or an animation")
            {
                Hint = "a single picture needs no frame selection: read the image directly",
            };
        if (media.Video is null)
            throw new PeepshowException(ExitCodes.InputUnresolvable,
                $"{input.DisplayName} has no video stream{(media.HasAudio ? " (it is audio only)" : "")}");
        return (media, new FfmpegFrameSource(ffmpeg, media.ToolVersion, input.LocalPath, media, input.DisplayName));
    }

    private async Task<AnalysisOutcome> AnalyseAsync(IFrameSource source, RunRequest request, MediaAnalysis media, ExtractRequest output, CancellationToken ct)
    {
        var start = request.Start ?? 0;
        var end = request.End ?? media.DurationSeconds;
        var options = request.Selection;
        // Coverage frames for continuous motion are spread so that they alone never fill more than half of --max.
        if (end is { } span && span > start)
            options = options with { CoverageMinGapSeconds = Math.Max(options.CoverageMinGapSeconds, 2 * (span - start) / Math.Max(1, options.Max)) };
        services.Progress?.Stage("analysing", end is { } e && e > start ? e - start : null);
        return await source.AnalyseAsync(new AnalysisRequest
        {
            Start = request.Start,
            End = request.End,
            Fps = SamplingRate(request.Selection.Fps, start, end),
            SampleRate = AnalysisRequest.SampleRateFor(end is { } e2 ? e2 - start : null),
            Selection = options,
            Output = output,
            Progress = services.Progress,
            Trace = services.Trace,
        }, ct);
    }

    /// <summary>
    /// <c>--no-audio</c> or <c>PEEPSHOW_AUDIO_ENCODER=off</c>: the one place that decides whether audio is off. The
    /// audio stage is then never started, so neither it nor the ffmpeg audio pass checks again.
    /// </summary>
    private static bool IsAudioOff(RunRequest request, Func<string, string?> env) =>
        request.NoAudio || string.Equals(env(TranscriptionEnv.AudioEncoder)?.Trim(), "off", StringComparison.OrdinalIgnoreCase);

    private static async Task<AudioInfo?> AwaitAudioAsync(Task<AudioInfo?>? audio, List<string> warnings, CancellationToken ct)
    {
        if (audio is null)
            return null;
        try
        {
            return await audio;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            warnings.Add($"audio skipped: {ex.Message}");
            return null;
        }
    }

    /// <summary>
    /// The window the user asked for, made something ffmpeg accepts: an <c>--end</c> at or past the end of the
    /// video means "to the end" (ffmpeg refuses a duration like 1e15 s), a <c>--start</c> past it finds no frames.
    /// Without a known length (some animations), anything beyond <see cref="LongestWindowSeconds"/> counts as past it.
    /// </summary>
    private static RunRequest ClampWindow(RunRequest request, MediaAnalysis media, string name)
    {
        var length = media.DurationSeconds ?? LongestWindowSeconds;
        if (request.Start is { } start && start >= length)
        {
            throw new PeepshowException(ExitCodes.ZeroFrames, media.DurationSeconds is { } duration
                ? $"--start {start:0.###}s is past the end of {name} ({duration:0.###}s long): no frames to extract"
                : $"--start {start:0.###}s is past the end of {name}: no frames to extract")
            {
                Hint = "--start and --end are seconds from the beginning of the video",
            };
        }
        return request.End is { } end && end >= length ? request with { End = null } : request;
    }

    /// <summary>About 31 years: longer than any video, and well inside what ffmpeg's time options accept.</summary>
    private const double LongestWindowSeconds = 1e9;

    /// <summary>
    /// ffmpeg's fps filter rounds the end of the stream to the nearest sampling slot, so a window shorter than
    /// half an interval (<c>--fps 0.1</c> on a 4 s clip) would give no frame at all; such a window is sampled
    /// once, at its start.
    /// </summary>
    private static double? SamplingRate(double? fps, double start, double? end) =>
        fps is { } rate && end is { } e && e > start && rate * (e - start) < 1 ? 1 / (e - start) : fps;

    private static PeepshowException ZeroFrames(RunRequest request, MediaAnalysis media) =>
        new(ExitCodes.ZeroFrames, request.Start is not null || request.End is not null
            ? "ffmpeg decoded no frames between --start and --end"
            : "ffmpeg decoded no frames from the video stream")
        {
            Hint = media.DurationSeconds is { } d
                ? $"the video is {d:0.###}s long; check --start/--end, or try --fps 1"
                : "the stream may be damaged; try --fps 1",
        };

    private static RunPayload BuildPayload(string runId, DateTimeOffset createdAt, RunRequest request, ResolvedInput input, MediaAnalysis media,
        FfmpegInstallation ffmpeg, string outputDir, SelectionResult selection, ExtractionOutcome extracted, double extractionMs, AudioInfo? audio)
    {
        var frames = extracted.Frames.Select(f => new FrameInfo
        {
            Index = f.Index,
            Path = f.Path,
            Bytes = f.Bytes,
            TimestampSeconds = Math.Round(f.TimestampSeconds, 3),
            Reason = f.Reason,
        }).ToList();
        var totalBytes = frames.Sum(f => f.Bytes ?? 0);
        var strategy = request.Selection.IsFixedRate ? "fps" : "scene";
        var video = media.Video!;

        return new RunPayload
        {
            RunId = runId,
            CreatedAt = createdAt,
            Input = input.Info.Extension is null or "bin" && input.IsCopy
                ? input.Info with { Extension = FfProbe.ContainerName(media.FormatName, null) }
                : input.Info,
            OutputDir = outputDir,
            Strategy = strategy,
            Frames = frames,
            Video = new VideoInfo
            {
                DurationSeconds = Duration(request, media, selection) is { } d ? Math.Round(d, 3) : null,
                Width = video.Width,
                Height = video.Height,
                Fps = video.Fps,
                Codec = video.Codec,
                BitrateKbps = media.BitrateKbps,
                Container = FfProbe.ContainerName(media.FormatName, input.Info.Extension),
                SizeBytes = input.Info.SizeBytes ?? media.SizeBytes,
                EstimatedTotalFrames = media.EstimatedTotalFrames,
                Tags = input.TagsOver(media.Tags),
            },
            Extraction = new ExtractionInfo
            {
                Strategy = strategy,
                Threshold = request.Selection.Threshold,
                Fps = request.Selection.Fps,
                FramesEmitted = frames.Count,
                FramesBeforePrune = selection.FramesBeforePrune,
                FramesPruned = selection.FramesPruned,
                FramesDeduped = selection.FramesDeduped,
                DedupDistance = request.Selection.DedupDistance,
                MotionSignalAvg = selection.MotionSignalAvg,
                MotionSignalLevel = selection.MotionSignalLevel,
                TotalOutputBytes = totalBytes,
                AvgFrameBytes = frames.Count == 0 ? 0 : totalBytes / frames.Count,
                ElapsedMs = Math.Round(extractionMs, 2),
                FfmpegSource = ffmpeg.Source,
                FfmpegPath = ffmpeg.FfmpegPath,
            },
            Audio = audio,
        };
    }

    /// <summary>
    /// ffprobe cannot tell an APNG's length without decoding it; when the whole stream was analysed, the
    /// last frame's time plus one frame is the honest answer.
    /// </summary>
    private static double? Duration(RunRequest request, MediaAnalysis media, SelectionResult selection) =>
        media.DurationSeconds ?? (request.End is null && selection.LastTimestamp is { } last
            ? last + (media.Video?.Fps is > 0 and var fps ? 1 / fps : 0)
            : null);

    private static List<string> Hints(RunRequest request, MediaAnalysis media, SelectionResult selection, List<string> warnings)
    {
        var hints = new List<string>(warnings);
        if (selection.FramesPruned > 0)
        {
            hints.Add($"{selection.FramesBeforePrune} frames were evenly pruned to --max {request.Selection.Max}; " +
                      "raise --max, or look closer with --start/--end");
        }
        if (!request.Selection.IsFixedRate && selection.Frames.Count == 1 && media.DurationSeconds is < 3)
            hints.Add("one frame from a short clip: try --fps 2 --dedup off to see every moment");
        return hints;
    }

    /// <summary>Data URIs can be megabytes long; the manifest keeps their head only.</summary>
    private static string ShortenForManifest(string arg) =>
        arg.StartsWith("data:", StringComparison.OrdinalIgnoreCase) && arg.Length > 80 ? arg[..64] + $"…({arg.Length} chars)" :
        Uri.TryCreate(arg, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? UrlRedaction.Redact(uri) : arg;
}
