using CliWrap;
using Peepshow.Core.Media;
using Peepshow.Core.Processes;

namespace Peepshow.Core.Extraction;

/// <summary>
/// Animated WebP: libwebp decodes (see <see cref="WebPAnimation"/>), C# makes the analysis pictures, and
/// the chosen canvases are piped as raw RGBA into ffmpeg only to scale and encode them.
/// </summary>
public sealed class WebPFrameSource : IFrameSource
{
    private readonly FfmpegInstallation _ffmpeg;
    private readonly FfmpegVersion _version;
    private readonly string _path;
    private readonly string _displayName;

    private WebPFrameSource(FfmpegInstallation ffmpeg, FfmpegVersion version, string path, string displayName, MediaAnalysis media)
    {
        _ffmpeg = ffmpeg;
        _version = version;
        _path = path;
        _displayName = displayName;
        Media = media;
    }

    public MediaAnalysis Media { get; }

    public static WebPFrameSource Open(FfmpegInstallation ffmpeg, FfmpegVersion version, string path, string displayName)
    {
        using var animation = WebPAnimation.Open(path, displayName);
        double duration = 0;
        animation.Decode((_, _, end, _) =>
        {
            duration = end;
            return true;
        });
        var size = new FileInfo(path).Length;
        var media = new MediaAnalysis
        {
            FormatName = "webp",
            DurationSeconds = duration > 0 ? duration : null,
            SizeBytes = size,
            BitrateKbps = duration > 0 ? Math.Round(size * 8 / duration / 1000, 1) : null,
            IsAnimatedImage = true,
            Video = new VideoStreamInfo
            {
                Codec = "webp",
                Width = animation.Width,
                Height = animation.Height,
                Fps = duration > 0 ? Math.Round(animation.FrameCount / duration, 3) : null,
                DurationSeconds = duration > 0 ? duration : null,
                FrameCount = animation.FrameCount,
            },
        };
        return new WebPFrameSource(ffmpeg, version, path, displayName, media);
    }

    public Task<AnalysisOutcome> AnalyseAsync(AnalysisRequest request, CancellationToken cancellationToken)
    {
        var geometry = FrameGeometry.For(Media.Video!.Width, Media.Video.Height, request.Output.MaxWidth);
        var selector = new FrameSelector(request.Selection) { Trace = request.Trace };
        var pushed = new List<int>();
        var windowStart = request.Start ?? 0;
        var windowEnd = request.End ?? double.MaxValue;
        var rate = request.Fps ?? request.SampleRate;
        var lastSlot = long.MinValue;
        using var animation = WebPAnimation.Open(_path, _displayName);
        animation.Decode((index, start, end, rgba) =>
        {
            if (start >= windowEnd)
                return false;
            if (end <= windowStart && end > start)
                return true;
            var shown = Math.Max(start, windowStart);
            if (request.Fps is null)
            {
                // Same sampling as the ffmpeg path: at most one frame per tenth of a second.
                var slot = (long)Math.Floor(shown * rate);
                if (slot <= lastSlot)
                    return true;
                lastSlot = slot;
                Push(index, shown, rgba);
            }
            else
            {
                // Fixed rate: every sample time k/fps that falls while this frame is on screen.
                var until = Math.Min(end > start ? end : start + 1e-3, windowEnd);
                for (var k = (long)Math.Ceiling(shown * rate - 1e-9); k / rate < until; k++)
                    Push(index, k / rate, rgba);
            }
            request.Progress?.Report(shown - windowStart);
            return true;
        }, cancellationToken);
        return Task.FromResult(new AnalysisOutcome { Selection = selector.Complete(), Geometry = geometry, SourceFrames = pushed });

        void Push(int index, double time, ReadOnlySpan<byte> rgba)
        {
            pushed.Add(index);
            selector.Push(Math.Round(time, 6), Downscale(rgba, Media.Video!.Width, Media.Video.Height, geometry.Analysis));
        }
    }

    public async Task<ExtractionOutcome> ExtractAsync(AnalysisOutcome analysis, ExtractRequest request, CancellationToken cancellationToken)
    {
        var frames = analysis.Selection.Frames;
        var wanted = frames.Select(f => analysis.SourceFrames[f.SourceIndex]).ToList();
        var (width, height) = (Media.Video!.Width, Media.Video.Height);
        var pattern = Path.Combine(request.OutputDir, $"frame_%04d.{request.Format}");
        var args = FfmpegArguments
            .FromPipeInput(input => input.WithRawVideo("rgba", width, height))
            .OutputToFile(pattern, overwrite: true, output =>
            {
                output.WithVideoFilters($"scale={analysis.Geometry.Width}:{analysis.Geometry.Height}:flags=lanczos")
                    .WithPassthroughTiming(_version)
                    .WithCustomArgument("-start_number", "1");
                if (request.Format == "jpg")
                    output.WithJpegQuality(FfmpegFrameSource.JpegQuality);
            });

        var written = 0;
        var stdin = new WebPStdin(this, wanted, () => request.Progress?.Report(++written));
        var stderr = new TailBuffer(16 * 1024);
        ProcessResult result;
        try
        {
            result = await Cli.Wrap(_ffmpeg.FfmpegPath)
                .WithArguments(args.ToArguments())
                .WithStandardInputPipe(stdin)
                .WithStandardErrorPipe(stderr.ToPipeTarget())
                .RunAsync(cancellationToken: cancellationToken);
        }
        catch (CommandStartException ex)
        {
            throw new PeepshowException(ExitCodes.FfmpegMissing, $"cannot run ffmpeg at {_ffmpeg.FfmpegPath} ({ex.InnerException?.Message})", ex);
        }
        if (result.ExitCode != 0)
            throw new PeepshowException(ExitCodes.FfmpegFailed, $"ffmpeg failed to encode the frames of {_displayName}: {FfmpegErrors.LastErrorLine(stderr.ToString()) ?? $"exit code {result.ExitCode}"}");

        var extracted = new List<ExtractedFrame>();
        for (var i = 0; i < frames.Count; i++)
        {
            var path = Path.Combine(request.OutputDir, ExtractRequest.FileName(i + 1, request.Format));
            if (!File.Exists(path))
                throw new PeepshowException(ExitCodes.FfmpegFailed, $"ffmpeg wrote {i} of {frames.Count} frames of {_displayName}");
            extracted.Add(new ExtractedFrame(i + 1, path, new FileInfo(path).Length, frames[i].TimestampSeconds, frames[i].Reason));
        }
        return new ExtractionOutcome(extracted, []);
    }

    /// <summary>Area-averages an RGBA canvas into the analysis picture (BT.601 full-range YUV).</summary>
    internal static AnalysisImage Downscale(ReadOnlySpan<byte> rgba, int width, int height, AnalysisSize size)
    {
        var image = new AnalysisImage(size);
        var r = new double[size.Width * size.Height];
        var g = new double[r.Length];
        var b = new double[r.Length];
        for (var y = 0; y < size.Height; y++)
        {
            var y0 = y * height / size.Height;
            var y1 = Math.Max(y0 + 1, (y + 1) * height / size.Height);
            for (var x = 0; x < size.Width; x++)
            {
                var x0 = x * width / size.Width;
                var x1 = Math.Max(x0 + 1, (x + 1) * width / size.Width);
                long sr = 0, sg = 0, sb = 0;
                for (var sy = y0; sy < y1; sy++)
                {
                    var row = rgba.Slice((sy * width + x0) * 4, (x1 - x0) * 4);
                    for (var i = 0; i < row.Length; i += 4)
                    {
                        sr += row[i];
                        sg += row[i + 1];
                        sb += row[i + 2];
                    }
                }
                var n = (double)((y1 - y0) * (x1 - x0));
                var p = y * size.Width + x;
                (r[p], g[p], b[p]) = (sr / n, sg / n, sb / n);
                image.Y[p] = ToByte(0.299 * r[p] + 0.587 * g[p] + 0.114 * b[p]);
            }
        }
        for (var cy = 0; cy < size.ChromaHeight; cy++)
        {
            for (var cx = 0; cx < size.ChromaWidth; cx++)
            {
                double ar = 0, ag = 0, ab = 0;
                for (var dy = 0; dy < 2; dy++)
                {
                    for (var dx = 0; dx < 2; dx++)
                    {
                        var p = (cy * 2 + dy) * size.Width + cx * 2 + dx;
                        ar += r[p];
                        ag += g[p];
                        ab += b[p];
                    }
                }
                (ar, ag, ab) = (ar / 4, ag / 4, ab / 4);
                var c = cy * size.ChromaWidth + cx;
                image.U[c] = ToByte(128 - 0.168736 * ar - 0.331264 * ag + 0.5 * ab);
                image.V[c] = ToByte(128 + 0.5 * ar - 0.418688 * ag - 0.081312 * ab);
            }
        }
        return image;
    }

    private static byte ToByte(double v) => (byte)Math.Clamp((int)Math.Round(v), 0, 255);

    /// <summary>Decodes the animation again and writes the wanted canvases, in order, to ffmpeg's stdin.</summary>
    private sealed class WebPStdin(WebPFrameSource source, IReadOnlyList<int> wanted, Action written) : PipeSource
    {
        public override Task CopyToAsync(Stream stdin, CancellationToken cancellationToken) => Task.Run(() =>
        {
            var next = 0;
            using var animation = WebPAnimation.Open(source._path, source._displayName);
            // Written while decoding (the canvas is only valid during the callback), so memory holds one
            // canvas whatever the number of frames. The same frame may be wanted twice with --fps.
            animation.Decode((index, _, _, rgba) =>
            {
                while (next < wanted.Count && wanted[next] == index)
                {
                    stdin.Write(rgba);
                    written();
                    next++;
                }
                return next < wanted.Count;
            }, cancellationToken);
        }, cancellationToken);
    }
}
