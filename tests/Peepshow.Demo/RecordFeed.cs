using System.Threading.Channels;

namespace Peepshow.Demo;

/// <summary>The records a double stored, one JSON line each, in the order it stored them.</summary>
public sealed class RecordFeed
{
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

    public void Add(string line) => _lines.Writer.TryWrite(line);

    /// <summary>The next stored record, waiting up to ten seconds for it.</summary>
    public async Task<string> NextAsync(CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            return await _lines.Reader.ReadAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DemoException("the double stored nothing within 10 s");
        }
    }
}
