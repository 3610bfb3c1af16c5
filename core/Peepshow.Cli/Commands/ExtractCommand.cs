using System.CommandLine;
using Peepshow.Cli.Terminal;
using Peepshow.Core;
using Peepshow.Core.History;
using Peepshow.Core.Media;
using Peepshow.Core.Output;
using Peepshow.Core.Runs;
using Peepshow.Core.Sinks;

namespace Peepshow.Cli.Commands;

/// <summary>
/// The root command: <c>peepshow &lt;input&gt; [options]</c>. Parses, runs an <see cref="ExtractionRun"/>, prints
/// the result in the chosen format on stdout and hints on stderr. No decisions about video live here.
/// </summary>
public static class ExtractCommand
{
    public static RootCommand Create(CliContext context, IReadOnlyList<IRunExtension> extensions)
    {
        var options = new ExtractOptions();
        var root = new RootCommand("peepshow: let an LLM watch a video. Picks the few frames that matter (scene cuts, new slides " +
                                   "or text, motion), writes them with exact timestamps, and prints their paths, JSON or markdown.");
        options.AddTo(root);
        extensions.AddOptionsTo(root);

        root.SetAction(async (parse, cancellationToken) =>
        {
            var request = options.ToRequest(parse, parse.Tokens.Select(t => t.Value).ToList());
            var runServices = extensions.Compose(parse, context.RunServices(), RunRecord.OriginCli);

            var result = await ProgressDisplay.RunAsync(context, runServices, s => new ExtractionRun(s).RunAsync(request, cancellationToken));

            var stdout = parse.InvocationConfiguration.Output;
            var emit = options.EmitFormat(parse);
            // The run's warnings say why the sheet is missing; a path to no file would only mislead.
            var sheetMissing = emit == EmitFormat.Sheet && !File.Exists(Path.Combine(result.Payload.OutputDir, ContactSheet.FileName));
            if (!sheetMissing)
                await stdout.WriteAsync(RunOutput.Render(result.Payload, emit, options.StatsLevel(parse), result.Sinks));
            await stdout.FlushAsync(cancellationToken);
            foreach (var hint in result.Hints)
                Hints.Write(parse.InvocationConfiguration.Error, hint, runServices.Environment.Get);
            if (sheetMissing)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(
                    $"peepshow: --emit sheet: contact.jpg could not be drawn; the run itself is complete (`peepshow runs show {result.Payload.RunId} --emit sheet` tries again)");
                return ExitCodes.FfmpegFailed;
            }
            if (parse.GetValue(options.Open))
            {
                var report = Path.Combine(result.Payload.OutputDir, RunReport.FileName);
                if (File.Exists(report))
                    await Browser.OpenAsync(report, context.Environment, context.WorkingDirectory, cancellationToken);
                else
                    await parse.InvocationConfiguration.Error.WriteLineAsync("peepshow: --open: there is no report.html to open (--no-report)");
            }

            // The outbox was writable when the run started; if it failed since, a failed delivery is lost: say so.
            var lost = result.Sinks.Count(s => s.Status == SinkResult.StatusFailed && s.OutboxId is null);
            if (lost > 0)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(
                    $"peepshow: {lost} failed deliver{(lost == 1 ? "y" : "ies")} could not be kept in the outbox; run again once it is writable");
                return ExitCodes.StateUnusable;
            }
            return ExitCodes.Ok;
        });
        return root;
    }
}
