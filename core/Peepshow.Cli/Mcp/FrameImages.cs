using CliWrap;
using Peepshow.Core;
using Peepshow.Core.Media;
using Peepshow.Core.Processes;

namespace Peepshow.Cli.Mcp;

/// <summary>
/// Frames as the MCP tools return them: JPEG, at most <see cref="MaxWidth"/> pixels wide, which bounds what an
/// image costs the model. <c>watch_video</c> extracts at that width already; a stored frame of an earlier run that
/// is wider, or a PNG, is re-encoded by ffmpeg on the way out (the file on disk stays as it is).
/// </summary>
internal static class FrameImages
{
    public const int MaxWidth = 768;

    public const string MimeType = "image/jpeg";

    public static async Task<byte[]> LoadAsync(string path, Func<FfmpegInstallation> ffmpeg, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        if (JpegWidth(bytes) is <= MaxWidth)
            return bytes;

        using var jpeg = new MemoryStream();
        var errors = new TailBuffer(4096);
        var result = await CliWrap.Cli.Wrap(ffmpeg().FfmpegPath)
            .WithArguments(["-nostdin", "-v", "error", "-i", path, "-frames:v", "1", "-vf", $"scale=min({MaxWidth}\\,iw):-2",
                "-q:v", "3", "-f", "image2pipe", "-c:v", "mjpeg", "pipe:1"])
            .WithStandardOutputPipe(PipeTarget.ToStream(jpeg))
            .WithStandardErrorPipe(errors.ToPipeTarget())
            .RunAsync(TimeSpan.FromSeconds(60), cancellationToken);
        if (result.ExitCode != 0 || jpeg.Length == 0)
            throw new PeepshowException(ExitCodes.FfmpegFailed, $"ffmpeg could not re-encode {path}: {errors.ToString().Trim()}");
        return jpeg.ToArray();
    }

    /// <summary>The width in a JPEG's start-of-frame header, or null when <paramref name="bytes"/> is not a JPEG.</summary>
    public static int? JpegWidth(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 4 || bytes[0] != 0xFF || bytes[1] != 0xD8)
            return null;
        var i = 2;
        while (i + 9 < bytes.Length)
        {
            if (bytes[i] != 0xFF)
                return null;
            var marker = bytes[i + 1];
            if (marker == 0xFF)
            {
                i++;
                continue;
            }
            if (marker is 0x01 or (>= 0xD0 and <= 0xD8))
            {
                i += 2;
                continue;
            }
            // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC): length, precision, height, width.
            if (marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC))
                return (bytes[i + 7] << 8) | bytes[i + 8];
            i += 2 + ((bytes[i + 2] << 8) | bytes[i + 3]);
        }
        return null;
    }
}
