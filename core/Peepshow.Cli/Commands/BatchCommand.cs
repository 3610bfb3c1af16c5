using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Peepshow.Cli.Terminal;
using Peepshow.Core;
using Peepshow.Core.Batch;
using Peepshow.Core.History;

namespace Peepshow.Cli.Commands;

/// <summary>
/// <c>peepshow batch &lt;inputs…&gt;</c>: the same run as <c>peepshow &lt;input&gt;</c> (the same extraction flags,
/// extensions and services) for many inputs, resumable, and split across array-job workers with <c>--shard</c>.
/// One JSON line per finished input on stdout; progress (on a terminal), sink lines and the summary on stderr.
/// </summary>
public static class BatchCommand
{
    public const string DefaultOutputRoot = "peepshow-runs";

    private static readonly NumberRange JobsRange = NumberRange.Integers(1, 256);

    private static int DefaultJobs => Math.Max(1, Environment.ProcessorCount / 2);

    public static Command Create(CliContext context, IReadOnlyList<IRunExtension> extensions)
    {
        var options = new ExtractOptions();
        var inputs = new Argument<string[]>("inputs")
        {
            Description = "Videos, folders (walked for videos and animated images), globs (quote them: 'clips/*.mp4'), URLs, or - for a list on stdin",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var from = new Option<string[]>("--from")
        {
            Description = "A file with one input (path or URL) a line; # comments and blank lines are skipped (repeatable)",
            HelpName = "file",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var outputRoot = new Option<string>("--output-root", "-o")
        {
            Description = "Where the run folders go, one per input, named by its run id; a replay looks here for what is done",
            DefaultValueFactory = _ => DefaultOutputRoot,
            HelpName = "dir",
        };
        var jobs = new Option<int>("--jobs", "-j")
        {
            Description = "Runs at the same time, by default half the cores and at least 1 (the value below is this machine's); each run's ffmpeg uses threads of its own",
            DefaultValueFactory = _ => DefaultJobs,
            CustomParser = JobsRange.IntParser(DefaultJobs),
            HelpName = "1-256",
        };
        var shard = new Option<string?>("--shard")
        {
            Description = "Only the inputs whose hash falls in shard K of N (K from 0), so N workers cover one list exactly once; " +
                          "auto reads the array-job index (Slurm, Kubernetes Indexed Job, AWS Batch; see docs/scale.md)",
            HelpName = "K/N|auto",
        };
        var force = new Option<bool>("--force") { Description = "Run inputs again even when their run folder is complete" };
        var emit = new Option<string>("--emit", "-e")
        {
            Description = "What stdout carries per finished input: a JSON line (input, runId, status, frames, runFolder, sinks) or just its run folder",
            DefaultValueFactory = _ => "ndjson",
        };
        OptionChoices.Accept(emit, "ndjson", "folders");

        var command = new Command("batch",
            "Run many videos: one run folder per input under --output-root, one JSON line per finished input, a summary at the end. " +
            "Run ids come from the input (path or URL, size, modification time) and the extraction flags, so running the same batch " +
            "again skips what is done and sinks update the same record instead of adding one. Takes every extraction flag of peepshow <input>.")
        {
            inputs, from, outputRoot, jobs, shard, force, emit,
        }.With(
            "peepshow batch recordings/ --sink databricks                every video under recordings/, into the Delta table",
            "peepshow batch 'calls/*.mp4' --jobs 2 --max 20 --no-audio   a glob, two at a time, extraction flags as for one video",
            "find /data -name '*.mov' | peepshow batch - -o runs > runs.ndjson",
            "                                                           a list on stdin, one JSON line per input kept",
            "peepshow batch --from urls.txt --shard 2/8                  the third of eight workers over one list",
            "sbatch --array=0-7 --wrap 'peepshow batch --from list.txt --shard auto'",
            "                                                           a Slurm job array, one shard per task (docs/scale.md)",
            "",
            "Run it again after a failure or a crash: done inputs are skipped (status skipped), the rest run, and a",
            "redone run keeps its run id, so sinks update its record. --force redoes all. A batch killed during a",
            "delivery leaves it in the outbox: run peepshow sinks retry --all, then the batch again.",
            "Exit 0 when every input is ok or skipped; 9 when any failed (each has its line and exit code); 2 for bad",
            "arguments or no inputs; 130 on Ctrl+C (finished runs stay, runs in flight are undone).");
        options.AddExtractionTo(command);
        extensions.AddOptionsTo(command);

        command.SetAction(async (parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var runServices = extensions.Compose(parse, context.RunServices(), RunRecord.OriginBatch);

            var selected = Shard.All;
            if (parse.GetValue(shard) is { } shardText)
                selected = Shard.Parse(shardText, runServices.Environment.Get);
            var arguments = parse.GetValue(inputs) ?? [];
            IReadOnlyList<BatchInput> all;
            // stdin is opened only for `-`: a batch given paths leaves it to whoever else reads it.
            using (var stdin = arguments.Contains("-") ? new StreamReader(context.Stdin.Open()) : TextReader.Null)
                all = BatchInputs.Expand(arguments, parse.GetValue(from) ?? [], stdin, context.WorkingDirectory);
            if (all.Count == 0)
                throw new PeepshowException(ExitCodes.BadArguments, "batch found no inputs: give videos, folders, globs, --from FILE or - (a list on stdin)");
            var mine = all.Where(selected.Contains).ToList();

            var commandLine = parse.Tokens.Select(t => t.Value).ToList();
            var batch = new BatchOptions
            {
                OutputRoot = parse.GetValue(outputRoot) ?? DefaultOutputRoot,
                Jobs = parse.GetValue(jobs),
                Force = parse.GetValue(force),
                Request = input => options.ToRequest(parse, input.Source, null, commandLine),
                ExtraResultOptions = ExtensionResultOptions(parse, extensions, runServices.Environment.Get),
            };
            var folders = parse.GetValue(emit) == "folders";
            var what = selected == Shard.All ? $"{mine.Count} inputs" : $"shard {selected}: {mine.Count} of {all.Count} inputs";

            return await BatchProgressDisplay.RunAsync(context, mine.Count, what, async display =>
            {
                var run = new BatchRun(runServices with { Progress = display.RunProgress }, batch);
                BatchSummary summary;
                try
                {
                    summary = await run.RunAsync(mine, async item =>
                    {
                        display.Finished(item);
                        await stdout.WriteLineAsync(folders ? item.RunFolder ?? "" : JsonSerializer.Serialize(item, BatchJsonContext.Default.BatchItem));
                        await stdout.FlushAsync(CancellationToken.None);
                    }, cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    display.Stop();
                    foreach (var line in run.Interrupted.Order(StringComparer.Ordinal))
                        await stderr.WriteLineAsync($"peepshow batch: {line}");
                    await stderr.WriteLineAsync($"peepshow batch: interrupted after {display.Counts}; finished runs stay in " +
                                                $"{Path.GetFullPath(batch.OutputRoot, context.WorkingDirectory)}, runs in flight were undone; run the same command to go on");
                    return ExitCodes.Interrupted;
                }
                display.Stop();
                await WriteSummaryAsync(stderr, what, summary, Path.GetFullPath(batch.OutputRoot, context.WorkingDirectory));
                return summary.Failed.Count > 0 ? ExitCodes.BatchFailures : ExitCodes.Ok;
            });
        });
        return command;
    }

    /// <summary>
    /// What the extensions' flags change in a run's result (the transcriber), folded into run ids so a batch with
    /// another transcriber is a new run; the sink flags only choose where a run goes and are left out.
    /// </summary>
    private static IReadOnlyList<string> ExtensionResultOptions(ParseResult parse, IReadOnlyList<IRunExtension> extensions, Func<string, string?> env)
    {
        var audio = extensions.OfType<AudioOptions>().FirstOrDefault();
        if (audio is null)
            return [];
        return [$"transcribe={parse.GetValue(audio.Transcribe) ?? env("PEEPSHOW_TRANSCRIBE") ?? "auto"}", $"no-transcribe={parse.GetValue(audio.NoTranscribe)}"];
    }

    private static async Task WriteSummaryAsync(TextWriter stderr, string what, BatchSummary summary, string root)
    {
        var minutes = summary.Elapsed.TotalMinutes;
        var ran = summary.Ok + summary.Failed.Count;
        var rate = ran > 0 && minutes > 0 ? $", {(ran / minutes).ToString("0.#", CultureInfo.InvariantCulture)} runs/min" : "";
        await stderr.WriteLineAsync($"peepshow batch: {what}: {summary.Ok} ok, {summary.Skipped} skipped (done before), {summary.Failed.Count} failed " +
                                    $"in {Duration(summary.Elapsed)}{rate}; run folders in {root}");
        foreach (var failure in summary.Failed)
            await stderr.WriteLineAsync($"peepshow batch: failed (exit {failure.ExitCode}): {failure.Input}: {failure.Error}");
    }

    private static string Duration(TimeSpan elapsed) =>
        elapsed.TotalHours >= 1 ? elapsed.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
        : elapsed.TotalMinutes >= 1 ? elapsed.ToString(@"m\:ss", CultureInfo.InvariantCulture) + " min"
        : elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}
