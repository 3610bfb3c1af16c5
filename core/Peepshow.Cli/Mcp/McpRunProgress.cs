using System.Threading.Channels;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Peepshow.Core.Runs;

namespace Peepshow.Cli.Mcp;

/// <summary>
/// A run's progress as MCP <c>notifications/progress</c> for the client's progress token: one percentage over
/// the whole run (analysing 0–80, extracting 80–95, then transcription and sinks), the stage as the message.
/// Sent at most once per percent and always increasing, as the protocol asks; lines a sink prints go to the log.
/// </summary>
internal sealed class McpRunProgress : IRunProgress
{
    private const double AnalysisEnd = 80;
    private const double ExtractionEnd = 95;
    private const double Last = 99.5;

    private readonly Lock _gate = new();
    private readonly Channel<ProgressNotificationValue> _queue = Channel.CreateUnbounded<ProgressNotificationValue>(new() { SingleReader = true });
    private readonly TextWriter _log;
    private readonly Task _pump;
    private (double From, double To) _band;
    private double? _total;
    private string _stage = "starting";
    private double _sent = -1;

    public McpRunProgress(McpServer server, ProgressToken token, TextWriter log)
    {
        _log = log;
        // One sender, so notifications leave in the order they were made, and the run never waits on the client.
        _pump = Task.Run(async () =>
        {
            await foreach (var value in _queue.Reader.ReadAllAsync())
            {
                try
                {
                    await server.NotifyProgressAsync(token, value);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // A client that went away cannot be told anything; the run goes on.
                }
            }
        });
    }

    public void Stage(string name, double? total)
    {
        lock (_gate)
        {
            _stage = name;
            _total = total is > 0 ? total : null;
            _band = name switch
            {
                // A page URL's download (yt-dlp) comes before everything: it is named, but takes no share of the
                // percentage, which must keep increasing through the analysis that follows.
                "downloading" => (0, 0),
                "analysing" => (0, AnalysisEnd),
                "extracting" => (AnalysisEnd, ExtractionEnd),
                _ => (Math.Min(Last, Math.Max(_sent, ExtractionEnd) + 1), Math.Min(Last, Math.Max(_sent, ExtractionEnd) + 1)),
            };
            Send(_band.From, force: true);
        }
    }

    public void Report(double value)
    {
        lock (_gate)
        {
            if (_total is { } total)
                Send(_band.From + (_band.To - _band.From) * Math.Clamp(value / total, 0, 1), force: false);
        }
    }

    public void Message(string line)
    {
        lock (_gate)
            _log.WriteLine(line);
    }

    /// <summary>Sends what is queued; the tool's result must not overtake its progress.</summary>
    public Task CompleteAsync()
    {
        _queue.Writer.TryComplete();
        return _pump;
    }

    private void Send(double percent, bool force)
    {
        percent = Math.Round(percent, 1);
        if (percent <= _sent || (!force && percent < _sent + 1))
            return;
        _sent = percent;
        _queue.Writer.TryWrite(new ProgressNotificationValue { Progress = (float)percent, Total = 100, Message = _stage });
    }
}
