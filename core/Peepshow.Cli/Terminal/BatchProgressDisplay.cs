using System.Diagnostics;
using System.Globalization;
using Peepshow.Core.Batch;
using Peepshow.Core.Runs;
using Spectre.Console;

namespace Peepshow.Cli.Terminal;

/// <summary>
/// A batch's progress on stderr: on a terminal one bar with the counts, the rate and the time left; in a pipe,
/// file or CI log only the plain lines (sink results, the summary). Lines from runs going on at the same time
/// are written whole, one at a time.
/// </summary>
public sealed class BatchProgressDisplay : IRunProgress
{
    private readonly Lock _gate = new();
    private readonly TextWriter _stderr;
    private readonly int _total;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private IAnsiConsole? _console;
    private ProgressTask? _task;
    private int _ok, _skipped, _failed, _ran;

    private BatchProgressDisplay(TextWriter stderr, int total)
    {
        _stderr = stderr;
        _total = total;
    }

    /// <summary>What each run reports to: stages are the bar's business here, lines (sink results) are passed on.</summary>
    public IRunProgress RunProgress => this;

    public string Counts
    {
        get
        {
            lock (_gate)
                return $"{_ok + _skipped + _failed} of {_total} inputs ({_ok} ok, {_skipped} skipped, {_failed} failed)";
        }
    }

    public static async Task<int> RunAsync(CliContext cli, int total, string what, Func<BatchProgressDisplay, Task<int>> run)
    {
        var display = new BatchProgressDisplay(cli.Stderr, total);
        if (!cli.StderrIsTerminal || cli.Environment.Get("TERM") == "dumb" || total == 0)
            return await run(display);

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(cli.Stderr),
            Interactive = InteractionSupport.Yes,
        });
        var exit = 0;
        await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                lock (display._gate)
                {
                    display._console = console;
                    display._task = context.AddTask(Markup.Escape(what), maxValue: total);
                }
                exit = await run(display);
            });
        return exit;
    }

    public void Finished(BatchItem item)
    {
        lock (_gate)
        {
            switch (item.Status)
            {
                case BatchItem.StatusOk: _ok++; _ran++; break;
                case BatchItem.StatusSkipped: _skipped++; break;
                default: _failed++; _ran++; break;
            }
            if (_task is null)
                return;
            var minutes = _clock.Elapsed.TotalMinutes;
            var rate = _ran > 0 && minutes > 0 ? $", {(_ran / minutes).ToString("0.#", CultureInfo.InvariantCulture)}/min" : "";
            _task.Description = Markup.Escape($"{_ok + _skipped + _failed}/{_total}: {_ok} ok, {_skipped} skipped, {_failed} failed{rate}");
            _task.Value = _ok + _skipped + _failed;
        }
    }

    /// <summary>Ends the live bar so the summary prints below it.</summary>
    public void Stop()
    {
        lock (_gate)
            _task?.StopTask();
    }

    void IRunProgress.Stage(string name, double? total)
    {
    }

    void IProgress<double>.Report(double value)
    {
    }

    void IRunProgress.Message(string line)
    {
        lock (_gate)
        {
            if (_console is not null)
                _console.Write(new Text(line + "\n"));
            else
                _stderr.WriteLine(line);
        }
    }
}
