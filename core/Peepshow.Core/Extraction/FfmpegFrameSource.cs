using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using CliWrap;
using Peepshow.Core.Media;
using Peepshow.Core.Processes;

namespace Peepshow.Core.Extraction;

/// <summary>
/// Analysis and extraction with ffmpeg, in ONE decode whenever the output size allows it: ffmpeg streams
/// each sampled frame at output size, C# shrinks it to the tiny analysis picture and selects, and the
/// pictures of kept frames go straight to a JPEG/PNG encoder process. Nothing is decoded twice and the
/// written frame is exactly the analysed one.
/// When the output frames would be too big to hold a second of them in memory, the decode streams only
/// the analysis pictures and the chosen timestamps are extracted afterwards with input seeks.
/// </summary>
public sealed partial class FfmpegFrameSource(FfmpegInstallation ffmpeg, FfmpegVersion version, string inputPath, MediaAnalysis media, string displayName) : IFrameSource
{
    /// <summary>Largest raw output frame held in memory (about 1920×1080 in 4:4:4); bigger outputs use seeks.</summary>
    private const int MaxOutputFrameBytes = 8 * 1024 * 1024;

    /// <summary>
    /// Decoder threads for the analysis decode: twice the cores, where ffmpeg's default is one more than the cores.
    /// Its filtering and our pipe share one thread with the decode's output, and more frames in flight keep the
    /// decoder busy while that thread waits: 0.90× the wall time of the default for the same CPU on two cores.
    /// </summary>
    private static int DecoderThreads => Math.Clamp(2 * Environment.ProcessorCount, 4, 16);

    /// <summary>How many seek extractions run at once; each is its own ffmpeg process.</summary>
    public int Parallelism { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Set to force seek extraction (specs compare both paths).</summary>
    public bool DisableSingleDecode { get; init; }

    public async Task<AnalysisOutcome> AnalyseAsync(AnalysisRequest request, CancellationToken cancellationToken)
    {
        var geometry = FrameGeometry.For(media.Video!.Width, media.Video.Height, request.Output.MaxWidth);
        var layout = Layout(geometry, request.Output.Format);
        var start = request.Start ?? 0;
        var args = FfmpegArguments
            .FromFileInput(inputPath, input =>
            {
                // From 20 fps up, reference frames alone are dense enough for 10 samples a second, and
                // skipping the rest roughly halves the decode. Slower sources (screen recordings at a few
                // fps) need every frame, and so does fixed-rate sampling.
                if (request.Fps is null && !media.IsAnimatedImage && media.Video!.Fps is { } fps && fps >= 2 * request.SampleRate)
                    input.WithVideoDecoderOption("skip_frame", "noref");
                input.WithCustomArgument("-threads", DecoderThreads.ToString(CultureInfo.InvariantCulture));
                input.Seek(start);
                if (request.End is { } end)
                    input.WithDuration(end - start);
            })
            .WithLogLevel("info")
            .OutputToPipe(output =>
            {
                output.WithCustomArgument("-filter_complex", layout.FilterGraph(media.Video!.Index, Sampler(request), version), "-map", "[out]", "-an", "-sn", "-dn");
                output.WithPassthroughTiming(version).ForceFormat("rawvideo");
            });

        var timestamps = Channel.CreateUnbounded<double>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var log = new TailBuffer(64 * 1024);
        var frames = 0;
        var lastTime = double.NaN;

        var encoder = layout.CarriesOutputPicture ? new CandidateEncoder(ffmpeg, layout, request.Output, cancellationToken) : null;
        var selector = new FrameSelector(request.Selection, encoder) { Trace = request.Trace };
        var pool = new FramePool(layout.FrameBytes);

        var stderr = PipeTarget.Create(async (stream, ct) =>
        {
            var timeBase = 0.0;
            try
            {
                using var reader = new StreamReader(stream, Encoding.UTF8);
                while (await reader.ReadLineAsync(ct) is { } line)
                {
                    if (!line.Contains("showinfo", StringComparison.Ordinal))
                    {
                        log.Append(line + "\n");
                        continue;
                    }
                    if (timeBase == 0 && TimeBaseLine().Match(line) is { Success: true } tb)
                    {
                        timeBase = double.Parse(tb.Groups[1].Value, CultureInfo.InvariantCulture) / double.Parse(tb.Groups[2].Value, CultureInfo.InvariantCulture);
                        continue;
                    }
                    if (FrameLine().Match(line) is { Success: true } frame)
                    {
                        // pts × time base is exact; pts_time is printed with only six significant digits.
                        var seconds = timeBase > 0 && long.TryParse(frame.Groups[1].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pts)
                            ? pts * timeBase
                            : double.TryParse(frame.Groups[2].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) ? t : double.NaN;
                        timestamps.Writer.TryWrite(seconds);
                    }
                }
            }
            finally
            {
                timestamps.Writer.TryComplete();
            }
        });

        // Reading and analysing run on two threads with a few frames queued between them: the pipe holds less
        // than one full-size frame, so while one thread shrinks and judges a frame the other keeps ffmpeg writing.
        var decoded = Channel.CreateBounded<(double Time, PooledFrame Frame)>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        var analyser = Task.Run(async () =>
        {
            try
            {
                await foreach (var (time, buffer) in decoded.Reader.ReadAllAsync(cancellationToken))
                {
                    var analysis = layout.AnalysisPicture(buffer.Bytes);
                    if (layout.CarriesOutputPicture)
                    {
                        selector.Push(time, analysis, buffer);
                    }
                    else
                    {
                        selector.Push(time, analysis);
                        buffer.Dispose();
                    }
                    request.Progress?.Report(time - start);
                }
            }
            catch (Exception ex)
            {
                // Stops the reader too; it rethrows this.
                decoded.Writer.TryComplete(ex);
                throw;
            }
        }, cancellationToken);

        var stdout = PipeTarget.Create(async (stream, ct) =>
        {
            PipeTuning.Enlarge(stream);
            try
            {
                while (true)
                {
                    var buffer = pool.Rent();
                    if (!ReadFrame(stream, buffer.Bytes) || !await timestamps.Reader.WaitToReadAsync(ct) || !await decoded.Writer.WaitToWriteAsync(ct))
                    {
                        buffer.Dispose();
                        break;
                    }
                    var relative = await timestamps.Reader.ReadAsync(ct);
                    var time = double.IsNaN(relative)
                        ? (double.IsNaN(lastTime) ? start : lastTime + 1.0 / request.SampleRate)
                        : start + relative;
                    lastTime = time;
                    frames++;
                    decoded.Writer.TryWrite((Math.Round(time, 6), buffer));
                }
            }
            finally
            {
                decoded.Writer.TryComplete();
            }
            await analyser;
            // Drain whatever is left so ffmpeg never blocks on a full pipe.
            await stream.CopyToAsync(Stream.Null, ct);
        });

        ProcessResult result;
        IReadOnlyDictionary<int, string> encoded = new Dictionary<int, string>();
        var warnings = new List<string>();
        try
        {
            result = await Run(args, stdout, stderr, cancellationToken);
            // Frames kept in the final window and the --min fallback frames still have their pictures: hand
            // them to the encoder now, or each would cost a seek and a second decode afterwards.
            selector.EndOfStream();
        }
        finally
        {
            // When ffmpeg never ran, nothing else ends the analyser's wait.
            decoded.Writer.TryComplete();
            if (encoder is not null)
            {
                (encoded, var error) = await encoder.CompleteAsync();
                if (error is not null && !cancellationToken.IsCancellationRequested)
                    warnings.Add($"ffmpeg could not encode the kept frames during the decode ({error}); they were extracted again with input seeks, which is slower");
            }
        }

        if (result.ExitCode != 0 && frames == 0)
        {
            throw new PeepshowException(ExitCodes.FfmpegFailed,
                $"ffmpeg failed to decode {displayName}: {FfmpegErrors.LastErrorLine(log.ToString(), "file:" + inputPath) ?? $"exit code {result.ExitCode}"}");
        }
        if (result.ExitCode != 0)
            warnings.Add($"ffmpeg stopped early ({FfmpegErrors.LastErrorLine(log.ToString(), "file:" + inputPath)}); frames cover up to {lastTime:0.##}s");
        return new AnalysisOutcome
        {
            Selection = selector.Complete(),
            Geometry = geometry,
            EncodedCandidates = encoded,
            Warnings = warnings,
        };
    }

    public async Task<ExtractionOutcome> ExtractAsync(AnalysisOutcome analysis, ExtractRequest request, CancellationToken cancellationToken)
    {
        var frames = analysis.Selection.Frames;
        var results = new (string? Path, string? Error)[frames.Count];
        var done = 0;
        var seeks = new List<int>();
        var leftovers = analysis.EncodedCandidates.ToDictionary();
        for (var i = 0; i < frames.Count; i++)
        {
            if (leftovers.Remove(frames[i].CandidateId, out var encoded))
            {
                results[i] = (encoded, null);
                request.Progress?.Report(Interlocked.Increment(ref done));
            }
            else
            {
                seeks.Add(i);
            }
        }
        // Candidates that were pruned or deduplicated after encoding.
        foreach (var leftover in leftovers.Values)
            File.Delete(leftover);

        await Parallel.ForEachAsync(seeks,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var path = Path.Combine(request.OutputDir, $".frame_{i + 1:0000}.part.{request.Format}");
                results[i] = await ExtractOneAsync(frames[i].TimestampSeconds, path, analysis.Geometry, request, ct);
                request.Progress?.Report(Interlocked.Increment(ref done));
            });

        // Number the frames that exist, in time order, so a failed still never leaves a gap.
        var written = new List<ExtractedFrame>();
        var warnings = new List<string>();
        for (var i = 0; i < frames.Count; i++)
        {
            var (path, error) = results[i];
            if (path is null)
            {
                warnings.Add($"no frame at {frames[i].TimestampSeconds:0.###}s: {error}");
                continue;
            }
            var final = Path.Combine(request.OutputDir, ExtractRequest.FileName(written.Count + 1, request.Format));
            File.Move(path, final, overwrite: true);
            written.Add(new ExtractedFrame(written.Count + 1, final, new FileInfo(final).Length, frames[i].TimestampSeconds, frames[i].Reason));
        }
        if (written.Count == 0 && frames.Count > 0)
            throw new PeepshowException(ExitCodes.FfmpegFailed, $"ffmpeg could not write any frame of {displayName}: {results.Select(r => r.Error).FirstOrDefault(e => e is not null)}");
        return new ExtractionOutcome(written, warnings, seeks.Count);
    }

    private async Task<(string? Path, string? Error)> ExtractOneAsync(double timestamp, string path, FrameGeometry geometry, ExtractRequest request, CancellationToken cancellationToken)
    {
        // Half a millisecond early: the seek position goes through decimal text and microseconds, and
        // must not land after the frame's own timestamp (ffmpeg would then return the next frame).
        var seek = Math.Max(0, timestamp - 0.0005);
        var args = FfmpegArguments
            .FromFileInput(inputPath, input => input.Seek(seek))
            .OutputToFile(path, overwrite: true, output =>
            {
                output.SelectVideoStream(media.Video!.Index)
                    .WithFrameOutputCount(1)
                    .WithVideoFilters(media.Video.HasKnownSize
                        ? $"scale={geometry.Width}:{geometry.Height}:flags=lanczos,setsar=1"
                        : $"scale='trunc(min(iw,{request.MaxWidth})/2)*2':-2:flags=lanczos,setsar=1")
                    .WithCustomArgument("-update", "1");
                if (request.Format == "jpg")
                    output.WithJpegQuality(JpegQuality);
            });

        var stderr = new TailBuffer(16 * 1024);
        var result = await Run(args, PipeTarget.Null, stderr.ToPipeTarget(), cancellationToken);
        if (result.ExitCode == 0 && File.Exists(path) && new FileInfo(path).Length > 0)
            return (path, null);
        File.Delete(path);
        return (null, FfmpegErrors.LastErrorLine(stderr.ToString(), "file:" + inputPath) ?? (result.ExitCode == 0 ? "the position is past the last frame" : $"exit code {result.ExitCode}"));
    }

    /// <summary>ffmpeg's JPEG quality scale runs from 2 (best) to 31; 3 is visually lossless for screenshots.</summary>
    internal const int JpegQuality = 3;

    private StreamLayout Layout(FrameGeometry geometry, string format)
    {
        if (!DisableSingleDecode && media.Video!.HasKnownSize && StreamLayout.CanCarryOutputPicture(geometry))
        {
            var carrying = new StreamLayout(geometry, format == "png" ? "yuv444p" : "yuv420p", carriesOutputPicture: true);
            if (carrying.FrameBytes <= MaxOutputFrameBytes)
                return carrying;
        }
        return new StreamLayout(geometry, "yuv420p", carriesOutputPicture: false);
    }

    /// <summary>At most one frame per 1/rate seconds (never duplicating), or exactly <c>--fps</c>.</summary>
    private static string Sampler(AnalysisRequest request) => request.Fps is { } fps
        ? $"fps={fps.ToString("0.######", CultureInfo.InvariantCulture)}"
        : $"select='isnan(prev_selected_t)+gt(floor(t*{request.SampleRate}),floor(prev_selected_t*{request.SampleRate}))'";

    private async Task<ProcessResult> Run(FfmpegArguments args, PipeTarget stdout, PipeTarget stderr, CancellationToken cancellationToken)
    {
        try
        {
            return await Cli.Wrap(ffmpeg.FfmpegPath)
                .WithArguments(args.ToArguments())
                .WithStandardOutputPipe(stdout)
                .WithStandardErrorPipe(stderr)
                .RunAsync(cancellationToken: cancellationToken);
        }
        catch (CommandStartException ex)
        {
            throw new PeepshowException(ExitCodes.FfmpegMissing, $"cannot run ffmpeg at {ffmpeg.FfmpegPath} ({ex.InnerException?.Message})", ex);
        }
    }

    /// <summary>
    /// Reads one whole frame. Synchronous on purpose: this runs on its own pump task, and async reads of a
    /// pipe cost a thread-pool round trip per 64 KB chunk. Cancellation kills ffmpeg, which ends the read.
    /// </summary>
    private static bool ReadFrame(Stream stream, byte[] buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = stream.Read(buffer.AsSpan(read));
            if (n == 0)
                return false;
            read += n;
        }
        return true;
    }

    [GeneratedRegex(@"time_base:\s*(\d+)/(\d+)")]
    private static partial Regex TimeBaseLine();

    [GeneratedRegex(@"\bn:\s*\d+\s+pts:\s*(-?\d+|NOPTS)\s+pts_time:(\S+)")]
    private static partial Regex FrameLine();
}
