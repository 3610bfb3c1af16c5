using Peepshow.Core.Runs;
using Spectre.Console;

namespace Peepshow.Cli.Terminal;

/// <summary>
/// A progress bar on stderr, only when stderr is a terminal: pipes, files, CI logs and specs never see
/// escape codes, and stdout stays clean for the agent reading it.
/// </summary>
public static class ProgressDisplay
{
    public static async Task<RunResult> RunAsync(CliContext cli, RunServices services, Func<RunServices, Task<RunResult>> run)
    {
        if (services.Progress is not null || !cli.StderrIsTerminal || services.Environment.Get("TERM") == "dumb")
            return await run(services);

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(cli.Stderr),
            Interactive = InteractionSupport.Yes,
        });
        RunResult? result = null;
        await console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                result = await run(services with { Progress = new SpectreProgress(context, console) });
            });
        return result!;
    }

    private sealed class SpectreProgress(ProgressContext context, IAnsiConsole console) : IRunProgress
    {
        private readonly Lock _gate = new();
        private ProgressTask? _task;

        public void Stage(string name, double? total)
        {
            lock (_gate)
            {
                _task?.StopTask();
                _task = context.AddTask(name, maxValue: total is > 0 ? total.Value : 1);
                if (total is null or <= 0)
                    _task.IsIndeterminate = true;
            }
        }

        public void Report(double value)
        {
            lock (_gate)
            {
                if (_task is { IsIndeterminate: false } task)
                    task.Value = Math.Min(value, task.MaxValue);
            }
        }

        // Through the console that owns the live display, which clears itself, prints, then redraws.
        public void Message(string line)
        {
            lock (_gate)
                console.Write(new Text(line + "\n"));
        }
    }
}
