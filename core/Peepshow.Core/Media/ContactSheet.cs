using System.Globalization;
using System.Text;
using CliWrap;
using Peepshow.Core.Output;
using Peepshow.Core.Processes;
using Peepshow.Protocol.Payload;

namespace Peepshow.Core.Media;

/// <summary>
/// <c>contact.jpg</c>: every chosen frame tiled in order with its number and timestamp burnt in, at most
/// <see cref="MaxWidth"/> px wide, so an agent can see the whole run in one image. ffmpeg's <c>drawtext</c> and
/// <c>tile</c> filters do the work, which keeps native imaging libraries out of the Native AOT binary; drawtext
/// finds its font through fontconfig (DejaVu Sans on Debian).
/// </summary>
public static class ContactSheet
{
    public const string FileName = "contact.jpg";

    public const int MaxWidth = 2048;

    private const int Gap = 4;

    /// <summary>
    /// The run's <c>contact.jpg</c>, drawn now unless the folder already holds it. It is drawn only when something asks
    /// for it (<c>--emit sheet</c>, <c>runs show --emit sheet</c>, the MCP <c>sheet</c> argument): the ffmpeg run it
    /// takes costs about a tenth of a default run, too much to spend on every run for an image few runs need.
    /// </summary>
    public static async Task<string> EnsureAsync(FfmpegInstallation ffmpeg, RunPayload payload, CancellationToken cancellationToken)
    {
        var path = Path.Combine(payload.OutputDir, FileName);
        return File.Exists(path) ? path : await WriteAsync(ffmpeg, payload, cancellationToken);
    }

    /// <summary>Draws <c>contact.jpg</c> into the run folder (replacing one already there) and returns its path.</summary>
    public static async Task<string> WriteAsync(FfmpegInstallation ffmpeg, RunPayload payload, CancellationToken cancellationToken)
    {
        var frames = payload.Frames;
        if (frames.Count == 0)
            throw new PeepshowException(ExitCodes.ZeroFrames, "a contact sheet needs at least one frame, and the run has none");
        var missing = frames.FirstOrDefault(f => !File.Exists(f.Path));
        if (missing is not null)
            throw new PeepshowException(ExitCodes.InputUnresolvable, $"cannot draw the contact sheet: the frame {missing.Path} is gone");
        var columns = Columns(frames.Count);
        var rows = (frames.Count + columns - 1) / columns;
        // Cells share one size (tile needs it); the video's shape decides it, frames are fitted and padded into it.
        var cellWidth = Even(Math.Min(payload.Video?.Width ?? 640, (MaxWidth - Gap * (columns + 1)) / columns));
        var aspect = payload.Video is { Width: > 0, Height: > 0 } v ? (double)v.Height!.Value / v.Width!.Value : 9.0 / 16;
        var cellHeight = Even((int)Math.Round(cellWidth * aspect));
        var fontSize = Math.Max(12, cellWidth / 22);

        var graph = new StringBuilder();
        for (var i = 0; i < frames.Count; i++)
        {
            var label = $"#{frames[i].Index ?? i + 1}" + (frames[i].TimestampSeconds is { } t ? "  " + RunOutput.Timestamp(t) : "");
            graph.Append(CultureInfo.InvariantCulture,
                $"[{i}:v]scale={cellWidth}:{cellHeight}:force_original_aspect_ratio=decrease,pad={cellWidth}:{cellHeight}:(ow-iw)/2:(oh-ih)/2:color=0x202020,setsar=1,format=yuvj420p," +
                $"drawtext=text='{Escape(label)}':fontsize={fontSize}:fontcolor=white:box=1:boxcolor=black@0.65:boxborderw={fontSize / 4}:x={fontSize / 2}:y=h-th-{fontSize / 2}[c{i}];");
        }
        for (var i = 0; i < frames.Count; i++)
            graph.Append(CultureInfo.InvariantCulture, $"[c{i}]");
        graph.Append(CultureInfo.InvariantCulture, $"concat=n={frames.Count}:v=1:a=0,tile={columns}x{rows}:padding={Gap}:margin={Gap}:color=0x202020");

        var path = Path.Combine(payload.OutputDir, FileName);
        // A name of its own per writer: two `runs show --emit sheet` of one run may draw at once; the last rename wins whole.
        var temporary = Path.Combine(payload.OutputDir, $".contact.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp.jpg");
        var args = new List<string> { "-hide_banner", "-nostdin", "-loglevel", "error", "-y" };
        foreach (var frame in frames)
            args.AddRange(["-i", frame.Path]);
        args.AddRange(["-filter_complex", graph.ToString(), "-frames:v", "1", "-q:v", "3", temporary]);
        try
        {
            BufferedProcessResult result;
            try
            {
                result = await Cli.Wrap(ffmpeg.FfmpegPath).WithArguments(args)
                    .RunBufferedAsync(TimeSpan.FromMinutes(2), maxCharsPerStream: 64 * 1024, cancellationToken);
            }
            catch (CommandStartException ex)
            {
                throw new PeepshowException(ExitCodes.FfmpegMissing, $"cannot run ffmpeg at {ffmpeg.FfmpegPath} ({ex.InnerException?.Message})", ex);
            }
            if (!result.IsSuccess || !File.Exists(temporary))
            {
                throw new PeepshowException(ExitCodes.FfmpegFailed, result.TimedOut
                    ? "ffmpeg took more than 2 minutes to draw the contact sheet"
                    : $"ffmpeg could not draw the contact sheet: {FailureText.OneLine(result.StandardError.Trim())}");
            }
            File.Move(temporary, path, overwrite: true);
            return path;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Near-square for few frames, never more than five across (so a cell stays readable at 2048 px).</summary>
    public static int Columns(int frames) => Math.Clamp((int)Math.Ceiling(Math.Sqrt(frames)), 1, 5);

    private static int Even(int value) => Math.Max(2, value - value % 2);

    /// <summary>Quoted drawtext text: the filter graph's quoting first, then drawtext's own specials (':' '%' '\').</summary>
    private static string Escape(string text) =>
        text.Replace("\\", "\\\\\\\\", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal)
            .Replace(":", "\\:", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal);
}
