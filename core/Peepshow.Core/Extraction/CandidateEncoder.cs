using System.Globalization;
using System.Threading.Channels;
using CliWrap;
using Peepshow.Core.Media;
using Peepshow.Core.Processes;

namespace Peepshow.Core.Extraction;

/// <summary>
/// A long-lived ffmpeg that turns the raw pictures of kept frames into <c>.cand_00001.jpg</c>… as the
/// selector keeps them, so full-size pictures are never held longer than the look-ahead window.
/// </summary>
internal sealed class CandidateEncoder : IKeptFrameSink
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
                    o.WithJpegQuality(FfmpegFrameSource.JpegQuality);
            });
        _process = Cli.Wrap(ffmpeg.FfmpegPath)
            .WithArguments(args.ToArguments())
            .WithStandardInputPipe(PipeSource.Create(WriteQueueAsync))
            .WithStandardErrorPipe(_stderr.ToPipeTarget())
            .RunAsync(cancellationToken: cancellationToken);
    }

    public void Accept(int candidateId, PooledFrame picture)
    {
        if (!_queue.Writer.TryWrite((candidateId, picture)))
            picture.Dispose();
    }

    /// <summary>
    /// Closes the encoder's input and maps each candidate to the file it became. A failed encoder is not fatal
    /// (the frames can still be extracted with seeks) but is never silent: its reason comes back as the error.
    /// </summary>
    public async Task<(IReadOnlyDictionary<int, string> Files, string? Error)> CompleteAsync()
    {
        _queue.Writer.TryComplete();
        string? error = null;
        try
        {
            var result = await _process;
            if (result.ExitCode != 0)
                error = FfmpegErrors.LastErrorLine(_stderr.ToString()) ?? $"exit code {result.ExitCode}";
        }
        catch (CommandStartException ex)
        {
            error = ex.Message;
        }
        // Pictures queued after the encoder died were never written.
        while (_queue.Reader.TryRead(out var left))
            left.Frame.Dispose();

        var files = new Dictionary<int, string>();
        for (var i = 0; i < _ids.Count; i++)
        {
            var path = _pattern.Replace("%05d", (i + 1).ToString("00000", CultureInfo.InvariantCulture), StringComparison.Ordinal);
            if (File.Exists(path) && new FileInfo(path).Length > 0)
                files[_ids[i]] = path;
        }
        if (error is not null)
        {
            // Partly written candidates of a failed encoder cannot be trusted.
            foreach (var path in files.Values)
                File.Delete(path);
            files.Clear();
        }
        return (files, error);
    }

    private async Task WriteQueueAsync(Stream stdin, CancellationToken cancellationToken)
    {
        await foreach (var (id, frame) in _queue.Reader.ReadAllAsync(cancellationToken))
        {
            using (frame)
            {
                _layout.WriteOutputPicture(stdin, frame.Bytes);
                _ids.Add(id);
            }
            await stdin.FlushAsync(cancellationToken);
        }
    }
}
