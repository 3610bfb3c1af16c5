using System.Text.Json;
using CliWrap;
using Peepshow.Core.Processes;

namespace Peepshow.Core.Media;

/// <summary>
/// Runs ffprobe and turns its JSON into a <see cref="MediaAnalysis"/>. Named and shaped after FFMpegCore's
/// <c>FFProbe.AnalyseAsync</c> so swapping the library in later stays local to this folder.
/// </summary>
public static class FfProbe
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Tags every muxer writes; they say nothing about the content (docs/payload.schema.json).</summary>
    private static readonly HashSet<string> BoilerplateTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "major_brand", "minor_version", "compatible_brands", "handler_name", "vendor_id", "timecode",
    };

    /// <summary>Shown first, in this order, because agents and sinks look for them (the original npm peepshow's documented behaviour).</summary>
    private static readonly string[] CuratedTags =
    [
        "title", "artist", "album_artist", "album", "composer", "performer", "director", "producer", "publisher",
        "network", "show", "episode_id", "season_number", "genre", "description", "synopsis", "comment",
        "copyright", "encoder", "creation_time", "date",
    ];

    private static readonly HashSet<string> StillImageFormats = new(StringComparer.Ordinal)
    {
        "png_pipe", "jpeg_pipe", "bmp_pipe", "tiff_pipe", "webp_pipe", "gem_pipe", "pgm_pipe", "ppm_pipe",
        "pam_pipe", "pbm_pipe", "qoi_pipe", "dpx_pipe", "exr_pipe", "j2k_pipe", "jpegls_pipe", "pcx_pipe",
        "photocd_pipe", "psd_pipe", "sgi_pipe", "sunrast_pipe", "svg_pipe", "xbm_pipe", "xpm_pipe", "xwd_pipe",
        "image2", "ico", "hdr_pipe", "jpegxl_pipe", "gif_pipe",
    };

    public static async Task<MediaAnalysis> AnalyseAsync(FfmpegInstallation ffmpeg, string path, string displayName, CancellationToken cancellationToken)
    {
        BufferedProcessResult result;
        try
        {
            result = await Cli.Wrap(ffmpeg.FfprobePath)
                .WithArguments(["-v", "error", "-print_format", "json", "-show_program_version", "-show_format", "-show_streams", "-i", "file:" + path])
                .RunBufferedAsync(ProbeTimeout, cancellationToken: cancellationToken);
        }
        catch (CommandStartException ex)
        {
            throw new PeepshowException(ExitCodes.FfmpegMissing, $"cannot run ffprobe ({ex.InnerException?.Message})", ex);
        }

        if (result.TimedOut)
            throw new PeepshowException(ExitCodes.InputUnresolvable, $"ffprobe gave up reading {displayName} after {ProbeTimeout.TotalSeconds:0}s");
        if (result.ExitCode != 0)
        {
            var reason = FfmpegErrors.LastErrorLine(result.StandardError, "file:" + path) ?? $"ffprobe exited with code {result.ExitCode}";
            throw new PeepshowException(ExitCodes.InputUnresolvable, $"cannot read {displayName} as video: {reason}")
            {
                Hint = "peepshow reads any video ffmpeg can decode, plus animated GIF, APNG and WebP",
            };
        }

        FfprobeOutput? output;
        try
        {
            output = JsonSerializer.Deserialize(result.StandardOutput, CoreJsonContext.Default.FfprobeOutput);
        }
        catch (JsonException ex)
        {
            throw new PeepshowException(ExitCodes.FfmpegFailed, $"ffprobe printed JSON peepshow cannot read ({ex.Message})", ex);
        }
        return FromProbe(output ?? new FfprobeOutput());
    }

    internal static MediaAnalysis FromProbe(FfprobeOutput output)
    {
        var format = output.Format ?? new FfprobeFormat();
        var formatName = format.FormatName ?? "unknown";
        var videoStream = output.Streams.FirstOrDefault(s =>
            s.CodecType == "video" && (s.Disposition is null || !s.Disposition.TryGetValue("attached_pic", out var pic) || pic == 0));

        VideoStreamInfo? video = null;
        if (videoStream is not null)
        {
            var rotation = Rotation(videoStream);
            var sar = ProbeParsing.Rate(videoStream.SampleAspectRatio?.Replace(':', '/')) is { } r && r is > 0.2 and < 5 ? r : 1;
            var (w, h) = (videoStream.Width ?? 0, videoStream.Height ?? 0);
            // Anamorphic pixels: report (and extract) the size the picture is meant to be seen at.
            if (Math.Abs(sar - 1) > 0.01)
                w = (int)Math.Round(w * sar);
            if (Math.Abs(rotation) % 180 == 90)
                (w, h) = (h, w);
            var fps = ProbeParsing.Rate(videoStream.AvgFrameRate) ?? ProbeParsing.Rate(videoStream.RFrameRate);
            video = new VideoStreamInfo
            {
                Index = videoStream.Index,
                Codec = videoStream.CodecName,
                Width = w,
                Height = h,
                // ffprobe reports 90000 or 1000 "fps" for some VFR streams; that is a timebase, not a rate.
                Fps = fps is > 0 and <= 1000 ? Math.Round(fps.Value, 3) : null,
                DurationSeconds = ProbeParsing.Number(videoStream.Duration),
                BitrateKbps = ProbeParsing.Number(videoStream.BitRate) is { } b ? Math.Round(b / 1000, 1) : null,
                FrameCount = ProbeParsing.Integer(videoStream.NbFrames) is > 0 and var n ? n : null,
                Rotation = rotation,
                SampleAspectRatio = sar,
            };
        }

        var duration = ProbeParsing.Number(format.Duration) ?? video?.DurationSeconds;
        var codec = videoStream?.CodecName;
        var isAnimated = formatName is "gif" or "apng" || codec is "gif" or "apng";
        return new MediaAnalysis
        {
            FormatName = formatName,
            DurationSeconds = duration is > 0 ? duration : null,
            StartTimeSeconds = ProbeParsing.Number(format.StartTime) ?? 0,
            SizeBytes = ProbeParsing.Integer(format.Size),
            BitrateKbps = ProbeParsing.Number(format.BitRate) is { } rate ? Math.Round(rate / 1000, 1) : video?.BitrateKbps,
            Tags = CleanTags(format.Tags),
            Video = video,
            HasAudio = output.Streams.Any(s => s.CodecType == "audio"),
            SubtitleStreams = [.. output.Streams.Where(s => s.CodecType == "subtitle").Select(s => new SubtitleStreamInfo(
                s.Index,
                s.CodecName ?? "unknown",
                s.Tags?.FirstOrDefault(t => string.Equals(t.Key, "language", StringComparison.OrdinalIgnoreCase)).Value,
                IsDefault: s.Disposition?.GetValueOrDefault("default") == 1,
                IsForced: s.Disposition?.GetValueOrDefault("forced") == 1,
                Title: s.Tags?.FirstOrDefault(t => string.Equals(t.Key, "title", StringComparison.OrdinalIgnoreCase)).Value))],
            IsAnimatedImage = isAnimated,
            IsStillImage = !isAnimated && StillImageFormats.Contains(formatName),
            ToolVersion = output.ProgramVersion?.Version is { } v ? FfmpegVersion.FromVersionText(v) : FfmpegVersion.Unknown,
        };
    }

    internal static IReadOnlyDictionary<string, string> CleanTags(IReadOnlyDictionary<string, string>? tags)
    {
        var clean = new Dictionary<string, string>(StringComparer.Ordinal);
        if (tags is null)
            return clean;
        foreach (var key in CuratedTags)
        {
            var match = tags.Keys.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
            if (match is not null)
                clean[match] = tags[match];
        }
        foreach (var (key, value) in tags)
        {
            if (!BoilerplateTags.Contains(key) && !clean.ContainsKey(key))
                clean[key] = value;
        }
        return clean;
    }

    private static int Rotation(FfprobeStream stream)
    {
        if (stream.SideDataList is not null)
        {
            foreach (var side in stream.SideDataList)
            {
                if (side.TryGetValue("rotation", out var r) && r.ValueKind == JsonValueKind.Number && r.TryGetDouble(out var deg))
                    return (int)Math.Round(deg);
            }
        }
        return stream.Tags is not null && stream.Tags.TryGetValue("rotate", out var tag) && ProbeParsing.Number(tag) is { } rot
            ? (int)rot
            : 0;
    }

    /// <summary>The container as users name it: the file's own extension within ffprobe's family list.</summary>
    public static string ContainerName(string formatName, string? extension)
    {
        var names = formatName.Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (extension is not null && names.Contains(extension, StringComparer.OrdinalIgnoreCase))
            return extension.ToLowerInvariant();
        if (names.Length > 1 && extension is "m4v" && names.Contains("mp4"))
            return "mp4";
        var first = names.FirstOrDefault() ?? formatName;
        return first.EndsWith("_pipe", StringComparison.Ordinal) ? first[..^5] : first;
    }
}
