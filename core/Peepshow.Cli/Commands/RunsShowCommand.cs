using System.CommandLine;
using Peepshow.Core.History;
using Peepshow.Core.Media;
using Peepshow.Core.Output;

namespace Peepshow.Cli.Commands;

/// <summary><c>peepshow runs show &lt;id&gt;</c>: a run's output again, from its manifest, without extracting again.</summary>
public static class RunsShowCommand
{
    public static Command Create(CliContext context)
    {
        var id = new Argument<string>("id") { Description = "Run id from `peepshow runs list` (a unique prefix is enough)" };
        // The extraction command's own options, so a run shows exactly as it did (or in another format).
        var options = new ExtractOptions();
        var command = new Command("show", """
            Print a run's output again, exactly as the run printed it (or in another --emit format), from its
            manifest.json: nothing is extracted or delivered again. --emit sheet draws the run's contact.jpg
            first if it has none yet (one ffmpeg run, a second or two) and prints its path.
            """) { id, options.Emit, options.Stats, options.NoStats, options.FullStats, options.Quiet }.With(
            "peepshow runs show 20261205T135757123-k3x9q2",
            "peepshow runs show 20261205T1357 --emit sheet",
            "peepshow runs show 20261205T1357 --emit json | peepshow-sink-databricks");
        command.SetAction(async (parse, ct) =>
        {
            var run = await StoredRun.LoadAsync(RunsCommand.History(context), parse.GetValue(id)!, ct);
            var emit = options.EmitFormat(parse);
            // An older run, or one made without --emit sheet, has no contact.jpg yet: it is drawn now, once.
            if (emit == EmitFormat.Sheet)
                await ContactSheet.EnsureAsync(FfmpegLocator.Locate(context.Environment.Get, context.WorkingDirectory), run.Payload, ct);
            var stdout = parse.InvocationConfiguration.Output;
            await stdout.WriteAsync(RunOutput.Render(run.Payload, emit, options.StatsLevel(parse), run.Facts?.Sinks));
            await stdout.FlushAsync(ct);
            return 0;
        });
        return command;
    }
}
