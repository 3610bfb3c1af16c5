using System.CommandLine;
using Peepshow.Core.Sinks;

namespace Peepshow.Cli.Commands;

/// <summary><c>peepshow sinks add &lt;name[:arg…]&gt; [--when k=v …]</c></summary>
public static class SinksAddCommand
{
    public static Command Create(CliContext context)
    {
        var spec = new Argument<string>("name[:arg…]")
        {
            Description = "Sink name (runs peepshow-sink-<name>); extra :tokens become its arguments",
        };
        var when = SinkOptions.When();
        var command = new Command("add", """
            Add an auto-sink: peepshow-sink-<name> runs after every extraction (unless --no-auto-sinks).
            The program is looked up on every run, so it may be installed later.
            """) { spec, when }.With(
            "peepshow sinks add event-track",
            "peepshow sinks add databricks --when extension=mp4,mov",
            "peepshow sinks add folder:/srv/videos --when filename='*demo*' --when codec=h264",
            "peepshow sinks add cassandra --when director=Kubrick");
        command.SetAction((parse, ct) =>
            AddAsync(context, SinkSpec.ParseName(parse.GetValue(spec)!, SinkOptions.ReadWhen(parse, when)), parse.InvocationConfiguration.Output, ct));
        return command;
    }

    internal static async Task<int> AddAsync(CliContext context, SinkSpec sink, TextWriter stdout, CancellationToken cancellationToken)
    {
        var store = SinksCommand.Store(context);
        var number = await store.UpdateAsync(sinks =>
        {
            sinks.Add(sink);
            return sinks.Count;
        }, cancellationToken);
        var location = SinkLocator.FromEnvironment(context.Environment.Get, context.WorkingDirectory).Locate(sink);
        await stdout.WriteLineAsync($"added auto-sink {number}: {SinksCommand.Describe(sink)} -> {location}");
        if (!location.Found)
            await stdout.WriteLineAsync($"note: {Program(sink)} is {location} yet; it is looked up again on every run (PEEPSHOW_SINK_PATH, peepshow's folder, PATH)");
        return 0;
    }

    private static string Program(SinkSpec sink) =>
        sink.Kind == SinkKind.Name ? Protocol.SinkName.ExecutableFor(sink.Name!) : SinkSpec.FirstWord(sink.Command!);
}
