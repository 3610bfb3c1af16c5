using System.CommandLine;
using Peepshow.Core.Sinks;

namespace Peepshow.Cli.Commands;

/// <summary><c>peepshow sinks add-cmd '&lt;shell command&gt;' [--when k=v …]</c></summary>
public static class SinksAddCmdCommand
{
    public static Command Create(CliContext context)
    {
        var shell = new Argument<string>("command")
        {
            Description = "Shell command, run with /bin/sh -c; the payload arrives on its stdin",
        };
        var when = SinkOptions.When();
        var command = new Command("add-cmd", """
            Add a shell command as an auto-sink, run through /bin/sh -c with the payload on stdin.
            PEEPSHOW_SINK_PATH and peepshow's own folder come first on its PATH.
            """) { shell, when }.With(
            "peepshow sinks add-cmd 'peepshow-sink-cassandra'",
            "peepshow sinks add-cmd 'jq -c . >> ~/runs.ndjson' --when ext=mov");
        command.SetAction((parse, ct) =>
            SinksAddCommand.AddAsync(context, SinkSpec.ForCommand(parse.GetValue(shell)!, SinkOptions.ReadWhen(parse, when)), parse.InvocationConfiguration.Output, ct));
        return command;
    }
}
