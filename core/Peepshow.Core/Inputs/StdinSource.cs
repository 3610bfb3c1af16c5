namespace Peepshow.Core.Inputs;

/// <summary>Where <c>-</c> reads from. The CLI passes the real stdin; specs pass bytes.</summary>
public sealed record StdinSource(Func<Stream> Open, bool IsTerminal)
{
    public static StdinSource Console { get; } = new(System.Console.OpenStandardInput, !System.Console.IsInputRedirected);

    public static StdinSource None { get; } = new(() => Stream.Null, IsTerminal: true);
}
