using System.CommandLine;
using Peepshow.Cli.Terminal;
using Peepshow.Core;
using Peepshow.Core.History;
using Peepshow.Core.Output;

namespace Peepshow.Cli.Commands;

/// <summary><c>peepshow runs open &lt;id&gt;</c>: a run's report.html in the default browser.</summary>
public static class RunsOpenCommand
{
    public static Command Create(CliContext context)
    {
        var id = new Argument<string>("id") { Description = "Run id from `peepshow runs list` (a unique prefix is enough)" };
        var command = new Command("open", "Open a run's report.html in the default browser (xdg-open, or open on macOS) and print its path.") { id }
            .With("peepshow runs open 20261205T135757123-k3x9q2");
        command.SetAction(async (parse, ct) =>
        {
            var run = await StoredRun.LoadAsync(RunsCommand.History(context), parse.GetValue(id)!, ct);
            var report = Path.Combine(run.Entry.Record.RunFolder, RunReport.FileName);
            if (!File.Exists(report))
                throw new PeepshowException(ExitCodes.InputUnresolvable, $"run {run.Entry.Record.RunId} has no report: {report} does not exist")
                {
                    Hint = "it was made with --no-report or by an older peepshow",
                };
            await parse.InvocationConfiguration.Output.WriteLineAsync(report);
            await Browser.OpenAsync(report, context.Environment, context.WorkingDirectory, ct);
            return 0;
        });
        return command;
    }
}
