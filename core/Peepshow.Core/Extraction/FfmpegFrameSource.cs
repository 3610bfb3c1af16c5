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
/// each sampled frame at output size with the tiny analysis picture stacked underneath (its own SIMD
/// scaler does the downscale), C# selects, and the pictures of kept frames go straight to a JPEG/PNG
/// encoder process. Nothing is decoded twice and the written frame is exactly the analysed one.
/// When the output frames would be too big to hold a second of them in memory, the decode streams only
/// the analysis pictures and the chosen timestamps are extracted afterwards with input seeks.
/// </summary>
public sealed partial class FfmpegFrameSource(FfmpegInstallation ffmpeg, FfmpegVersion version, string inputPath, MediaAnalysis media, string displayName) : IFrameSource
{
    /// <summary>Largest raw output frame held in memory (about 1920×1080 in 4:4:4); bigger outputs use seeks.</summary>
    private const int MaxStackedFrameBytes = 8 * 1024 * 1024;

    private readonly Dictionary<int, string> _encoded = [];

    /// <summary>Non-fatal problems met while decoding, for hints.</summary>
    public List<string> Warnings { get; } = [];


    /// <summary>How many seek extractions run at once; each is its own ffmpeg process.</summary>
    public int Parallelism { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Set to force seek extraction (specs compare both paths).</summary>
    public bool DisableSingleDecode { get; init; }

    /// <summary>How many frames the last extraction had to seek for: each one decodes part of the video again.</summary>
    public int SeekExtractions { get; private set; }

    public async Task AnalyseAsync(AnalysisRequest request, FrameSelector selector, CancellationToken cancellationToken)
    {
        var layout = Layout(request);
        var start = request.Start ?? 0;
        var args = FfmpegArguments
            .FromFileInput(inputPath, input =>
            {
                // From 20 fps up, reference frames alone are dense enough for 10 samples a second, and
                // skipping the rest roughly halves the decode. Slower sources (screen recordings at a few
                // fps) need every frame, and so does fixed-rate sampling.
                if (request.Fps is null && !media.IsAnimatedImage && media.Video!.Fps is { } fps && fps >= 2 * request.SampleRate)
                    input.WithVideoDecoderOption("skip_frame", "noref");
                input.Seek(start);
                if (request.End is { } end)
                    input.WithDuration(end - start);
            })
            .WithLogLevel("info")
            .OutputToPipe(output =>
            {
                output.WithCustomArgument("-filter_complex", layout.FilterGraph(media.Video!.Index, Sampler(request)), "-map", "[out]", "-an", "-sn", "-dn");
                output.WithPassthroughTiming(version).ForceFormat("rawvideo");
            });

        var timestamps = Channel.CreateUnbounded<double>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var log = new TailBuffer(64 * 1024);
        var frames = 0;
        var lastTime = double.NaN;

        var encoder = layout.Stacked ? new CandidateEncoder(ffmpeg, layout, request.Output, cancellationToken) : null;
        var pool = new FramePool(layout.FrameBytes);
        if (encoder is not null)
            selector.Kept = encoder.Enqueue;

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

        var stdout = PipeTarget.Create(async (stream, ct) =>
        {
            PipeTuning.Enlarge(stream);
            while (true)
            {
                var buffer = pool.Rent();
                if (!ReadFrame(stream, buffer.Bytes) || !await timestamps.Reader.WaitToReadAsync(ct))
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
                var analysis = layout.AnalysisPicture(buffer.Bytes);
                if (layout.Stacked)
                {
                    selector.Push(Math.Round(time, 6), analysis, buffer);
                }
                else
                {
                    selector.Push(Math.Round(time, 6), analysis);
                    buffer.Dispose();
                }
                request.Progress?.Report(time);
            }
            // Drain whatever is left so ffmpeg never blocks on a full pipe.
            await stream.CopyToAsync(Stream.Null, ct);
        });

        ProcessResult result;
        try
        {
            result = await Run(args, stdout, stderr, cancellationToken);
            // Frames kept in the final window still have their pictures: hand them to the encoder now,
            // or each would cost a seek and a second decode afterwards.
            selector.EndOfStream();
        }
        finally
        {
            if (encoder is not null)
            {
                var written = await encoder.CompleteAsync();
                foreach (var (id, path) in written)
                    _encoded[id] = path;
            }
        }

        if (result.ExitCode != 0 && frames == 0)
        {
            throw new PeepshowException(ExitCodes.FfmpegFailed,
                $"ffmpeg failed to decode {displayName}: {FfmpegErrors.LastErrorLine(log.ToString(), "file:" + inputPath) ?? $"exit code {result.ExitCode}"}");
        }
        if (result.ExitCode != 0)
            Warnings.Add($"ffmpeg stopped early ({FfmpegErrors.LastErrorLine(log.ToString(), "file:" + inputPath)}); frames cover up to {lastTime:0.##}s");
    }

    public async Task<ExtractionOutcome> ExtractAsync(IReadOnlyList<SelectedFrame> frames, ExtractRequest request, CancellationToken cancellationToken)
    {
        var results = new (string? Path, string? Error)[frames.Count];
        var done = 0;
        var seeks = new List<int>();
        for (var i = 0; i < frames.Count; i++)
        {
            if (_encoded.Remove(frames[i].CandidateId, out var encoded))
            {
                results[i] = (encoded, null);
                request.Progress?.Report(Interlocked.Increment(ref done));
            }
            else
            {
                seeks.Add(i);
            }
        }
        SeekExtractions = seeks.Count;
        // Candidates that were pruned or deduplicated after encoding.
        foreach (var leftover in _encoded.Values)
            File.Delete(leftover);
        _encoded.Clear();

        await Parallel.ForEachAsync(seeks,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var path = Path.Combine(request.OutputDir, $".frame_{i + 1:0000}.part.{request.Format}");
                results[i] = await ExtractOneAsync(frames[i].TimestampSeconds, path, request, ct);
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
        return new ExtractionOutcome(written, warnings);
    }

    private async Task<(string? Path, string? Error)> ExtractOneAsync(double timestamp, string path, ExtractRequest request, CancellationToken cancellationToken)
    {
        // Half a millisecond early: the seek position goes through decimal text and microseconds, and
        // must not land after the frame's own timestamp (ffmpeg would then return the next frame).
        var seek = Math.Max(0, timestamp - 0.0005);
        var size = OutputSize(request.MaxWidth);
        var args = FfmpegArguments
            .FromFileInput(inputPath, input => input.Seek(seek))
            .OutputToFile(path, overwrite: true, output =>
            {
                output.SelectVideoStream(media.Video!.Index)
                    .WithFrameOutputCount(1)
                    .WithVideoFilters(media.Video.HasKnownSize
                        ? $"scale={size.Width}:{size.Height}:flags=lanczos,setsar=1"
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

    /// <summary>The frame size written: display aspect kept, width capped by <c>--width</c> (never upscaled), even sides.</summary>
    internal (int Width, int Height) OutputSize(int maxWidth) => OutputSize(media.Video!.Width, media.Video.Height, maxWidth);

    internal static (int Width, int Height) OutputSize(int sourceWidth, int sourceHeight, int maxWidth)
    {
        var (w, h) = (Math.Max(2, sourceWidth), Math.Max(2, sourceHeight));
        var width = Math.Min(w, maxWidth) / 2 * 2;
        var height = Math.Max(2, (int)Math.Round(h * (double)width / w / 2) * 2);
        return (Math.Max(2, width), height);
    }

    private StreamLayout Layout(AnalysisRequest request)
    {
        var (width, height) = OutputSize(request.Output.MaxWidth);
        var size = request.Size;
        var pixelFormat = request.Output.Format == "png" ? "yuv444p" : "yuv420p";
        var stacked = new StreamLayout(width, height, size, pixelFormat, Stacked: true);
        return !DisableSingleDecode && media.Video!.HasKnownSize && size.Width <= width && stacked.FrameBytes <= MaxStackedFrameBytes
            ? stacked
            : new StreamLayout(width, height, size, "yuv420p", Stacked: false);
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

    /// <summary>
    /// The raw frame ffmpeg writes. Stacked: the output-size picture with the analysis picture (padded to
    /// the same width) underneath, both planar, so both are plain slices of one buffer. Otherwise just the
    /// analysis picture.
    /// </summary>
    internal sealed record StreamLayout(int Width, int Height, AnalysisSize Analysis, string PixelFormat, bool Stacked)
    {
        private bool Chroma444 => PixelFormat == "yuv444p";

        private int TotalHeight => Height + Analysis.Height;

        private int ChromaWidth => Chroma444 ? Width : Width / 2;

        public int FrameBytes => Stacked
            ? Width * TotalHeight + 2 * ChromaWidth * (Chroma444 ? TotalHeight : TotalHeight / 2)
            : Analysis.FrameBytes;

        /// <summary>Bytes of the output picture alone, as the encoder reads it.</summary>
        public int OutputBytes => Width * Height + 2 * ChromaWidth * (Chroma444 ? Height : Height / 2);

        public string FilterGraph(int streamIndex, string sampler)
        {
            var a = Analysis;
            if (!Stacked)
                return $"[0:{streamIndex}]{sampler},scale={a.Width}:{a.Height}:flags=area,format=yuv420p,showinfo[out]";
            // showinfo (our timestamps) sits on the small branch: on the full picture its checksums cost
            // about a third of the decode.
            return $"[0:{streamIndex}]{sampler},scale={Width}:{Height}:flags=bicubic,setsar=1,format={PixelFormat},split[full][small];" +
                   $"[small]scale={a.Width}:{a.Height}:flags=area,showinfo,pad={Width}:{a.Height}[strip];" +
                   "[full][strip]vstack[out]";
        }

        public AnalysisImage AnalysisPicture(byte[] frame)
        {
            if (!Stacked)
                return AnalysisImage.FromRaw(Analysis, frame);
            var image = new AnalysisImage(Analysis);
            var (aw, ah) = (Analysis.Width, Analysis.Height);
            for (var y = 0; y < ah; y++)
                frame.AsSpan((Height + y) * Width, aw).CopyTo(image.Y.AsSpan(y * aw, aw));

            var planeBytes = ChromaWidth * (Chroma444 ? TotalHeight : TotalHeight / 2);
            var uOffset = Width * TotalHeight;
            var vOffset = uOffset + planeBytes;
            if (Chroma444)
            {
                // Average 2×2 so the analysis picture is 4:2:0 like every other source.
                for (var y = 0; y < ah / 2; y++)
                {
                    for (var x = 0; x < aw / 2; x++)
                    {
                        var top = (Height + 2 * y) * ChromaWidth + 2 * x;
                        var bottom = top + ChromaWidth;
                        image.U[y * (aw / 2) + x] = (byte)((frame[uOffset + top] + frame[uOffset + top + 1] + frame[uOffset + bottom] + frame[uOffset + bottom + 1] + 2) / 4);
                        image.V[y * (aw / 2) + x] = (byte)((frame[vOffset + top] + frame[vOffset + top + 1] + frame[vOffset + bottom] + frame[vOffset + bottom + 1] + 2) / 4);
                    }
                }
            }
            else
            {
                for (var y = 0; y < ah / 2; y++)
                {
                    var row = (Height / 2 + y) * ChromaWidth;
                    frame.AsSpan(uOffset + row, aw / 2).CopyTo(image.U.AsSpan(y * (aw / 2), aw / 2));
                    frame.AsSpan(vOffset + row, aw / 2).CopyTo(image.V.AsSpan(y * (aw / 2), aw / 2));
                }
            }
            return image;
        }

        /// <summary>Writes the output picture (the top part of each plane) of a stacked frame.</summary>
        public void WriteOutputPicture(Stream target, byte[] frame)
        {
            var planeBytes = ChromaWidth * (Chroma444 ? TotalHeight : TotalHeight / 2);
            var chromaOut = ChromaWidth * (Chroma444 ? Height : Height / 2);
            target.Write(frame, 0, Width * Height);
            target.Write(frame, Width * TotalHeight, chromaOut);
            target.Write(frame, Width * TotalHeight + planeBytes, chromaOut);
        }
    }

    /// <summary>
    /// A long-lived ffmpeg that turns the raw pictures of kept frames into <c>.cand_00001.jpg</c>… as the
    /// selector keeps them, so full-size pictures are never held longer than the look-ahead window.
    /// </summary>
    private sealed class CandidateEncoder
    {
        private readonly Channel<(int Id, PooledFrame Frame)> _queue = Channel.CreateUnbounded<(int, PooledFrame)>(new UnboundedChannelOptions { SingleReader = true });
        private readonly List<int> _ids = [];
        private readonly string _pattern;
        private readonly Task<ProcessResult> _process;
        private readonly TailBuffer _stderr = new(16 * 1024);
        private readonly StreamLayout _layout;

        public CandidateEncoder(FfmpegInstallation ffmpeg, StreamLayout layout, ExtractRequest output, CancellationToken cancellationToken)
        {
            _layout = layout;
            _pattern = Path.Combine(output.OutputDir, $".cand_%05d.{output.Format}");
            var args = FfmpegArguments
                .FromPipeInput(input => input.WithRawVideo(layout.PixelFormat, layout.Width, layout.Height))
                .OutputToFile(_pattern, overwrite: true, o =>
                {
                    o.WithCustomArgument("-start_number", "1");
                    if (output.Format == "jpg")
                        o.WithJpegQuality(JpegQuality);
                });
            _process = Cli.Wrap(ffmpeg.FfmpegPath)
                .WithArguments(args.ToArguments())
                .WithStandardInputPipe(new QueueSource(this))
                .WithStandardErrorPipe(_stderr.ToPipeTarget())
                .RunAsync(cancellationToken: cancellationToken);
        }

        public void Enqueue(int candidateId, IDisposable frame)
        {
            if (frame is PooledFrame pooled)
                _queue.Writer.TryWrite((candidateId, pooled));
            else
                frame.Dispose();
        }

        /// <summary>Closes the encoder's input and maps each candidate to the file it became.</summary>
        public async Task<IReadOnlyList<(int Id, string Path)>> CompleteAsync()
        {
            _queue.Writer.TryComplete();
            ProcessResult result;
            try
            {
                result = await _process;
            }
            catch (CommandStartException)
            {
                return [];
            }
            if (result.ExitCode != 0)
                return [];
            var files = new List<(int, string)>();
            for (var i = 0; i < _ids.Count; i++)
            {
                var path = _pattern.Replace("%05d", (i + 1).ToString("00000", CultureInfo.InvariantCulture), StringComparison.Ordinal);
                if (File.Exists(path) && new FileInfo(path).Length > 0)
                    files.Add((_ids[i], path));
            }
            return files;
        }

        private sealed class QueueSource(CandidateEncoder encoder) : PipeSource
        {
            public override async Task CopyToAsync(Stream stdin, CancellationToken cancellationToken)
            {
                await foreach (var (id, frame) in encoder._queue.Reader.ReadAllAsync(cancellationToken))
                {
                    using (frame)
                    {
                        encoder._layout.WriteOutputPicture(stdin, frame.Bytes);
                        encoder._ids.Add(id);
                    }
                    await stdin.FlushAsync(cancellationToken);
                }
            }
        }
    }
}

/// <summary>
/// Raw frames are megabytes each; with Linux's default 64 KB pipe every frame costs dozens of wake-ups on
/// both sides. A 1 MB pipe (F_SETPIPE_SZ) cuts the reader's CPU time noticeably. Best effort, Linux only.
/// </summary>
internal static partial class PipeTuning
{
    private const int SetPipeSize = 1031;

    public static void Enlarge(Stream stream, int bytes = 1 << 20)
    {
        if (!OperatingSystem.IsLinux() || stream is not System.IO.Pipes.PipeStream pipe)
            return;
        try
        {
            _ = Fcntl((int)pipe.SafePipeHandle.DangerousGetHandle(), SetPipeSize, bytes);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
        }
    }

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "fcntl")]
    private static partial int Fcntl(int fd, int command, int argument);
}

/// <summary>Reusable raw-frame buffers: the decode produces hundreds of megabyte-sized frames a minute.</summary>
internal sealed class FramePool(int frameBytes)
{
    private readonly System.Collections.Concurrent.ConcurrentBag<byte[]> _free = [];

    public PooledFrame Rent() => new(this, _free.TryTake(out var buffer) ? buffer : new byte[frameBytes]);

    public void Return(byte[] buffer)
    {
        // A few spare buffers cover the look-ahead window; the rest goes back to the GC.
        if (_free.Count < 32)
            _free.Add(buffer);
    }
}

internal sealed class PooledFrame(FramePool pool, byte[] bytes) : IDisposable
{
    private byte[]? _bytes = bytes;

    public byte[] Bytes => _bytes ?? throw new ObjectDisposedException(nameof(PooledFrame));

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _bytes, null) is { } buffer)
            pool.Return(buffer);
    }
}
