using System.CommandLine;
using Peepshow.Core.Runs;

namespace Peepshow.Cli.Commands;

/// <summary>
/// Sinks on the extraction command: <c>--sink</c>, <c>--sink-cmd</c> (both repeatable, run in the order
/// typed) and <c>--no-auto-sinks</c>; each run gets a <see cref="DeliveryStage"/> as its sink dispatcher.
/// </summary>
public sealed class SinkRunExtension : IRunExtension
{
    private readonly Option<string[]> _sink = SinkOptions.Sink();
    private readonly Option<string[]> _sinkCmd = SinkOptions.SinkCmd();
    private readonly Option<bool> _noAutoSinks = SinkOptions.NoAutoSinks();

    public IEnumerable<Option> Options => [_sink, _sinkCmd, _noAutoSinks];

    public RunServices Configure(ParseResult parse, RunServices services) =>
        services.WithSinks(SinkOptions.ReadCliSinks(parse, _sink, _sinkCmd), autoSinks: !parse.GetValue(_noAutoSinks), parse.InvocationConfiguration.Error);
}
