using System.ComponentModel;
using CliWrap;

namespace Peepshow.Core.Processes;

/// <summary>
/// How this codebase runs a CliWrap <see cref="Command"/>: what CliWrap leaves to its callers, done once.
/// <list type="bullet">
/// <item>The exit code is a result, never an exception (validation off).</item>
/// <item>A timeout and cancellation both kill the whole process tree (CliWrap's forceful cancellation);
/// a timeout comes back as <see cref="ProcessResult.TimedOut"/>, cancellation as <see cref="OperationCanceledException"/>.</item>
/// <item>A program that cannot start throws <see cref="CommandStartException"/> with the OS's reason.</item>
/// <item>stdout and stderr are always read to their end: CliWrap's <see cref="PipeTarget.Null"/> closes the
/// pipe instead, and a process writing to a closed pipe dies of SIGPIPE.</item>
/// <item>A grandchild left holding our pipes after the process exits does not hang the run.</item>
/// </list>
/// </summary>
public static class CommandExtensions
{
    // A process may leave a grandchild (`cmd &` in a sink command) holding stdout or stderr open after it
    // exits; we stop waiting for that output after this long instead of hanging with it.
    private static readonly TimeSpan PipeDrainGrace = TimeSpan.FromSeconds(5);

    /// <summary>Adds (or, with a null value, removes) one variable, keeping those already set on the command.</summary>
    public static Command WithEnvironmentVariable(this Command command, string name, string? value) =>
        command.WithEnvironmentVariables(env => env.Set(command.EnvironmentVariables).Set(name, value));

    /// <summary>Runs the process to completion; see <see cref="CommandExtensions"/> for the rules.</summary>
    public static async Task<ProcessResult> RunAsync(this Command command, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        using var deadline = new CancellationTokenSource();
        using var kill = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        using var drain = new CancellationTokenSource();
        var started = DateTimeOffset.Now;

        CommandTask<CommandResult> task;
        try
        {
            task = command
                .WithValidation(CommandResultValidation.None)
                .WithStandardInputPipe(NotifyingExit(command.StandardInputPipe, drain))
                .WithStandardOutputPipe(Draining(command.StandardOutputPipe, drain.Token))
                .WithStandardErrorPipe(Draining(command.StandardErrorPipe, drain.Token))
                .ExecuteAsync(kill.Token);
        }
        catch (Win32Exception ex)
        {
            // CliWrap wraps the OS error in a long generic message; the inner one says what is wrong.
            throw new CommandStartException(command.TargetFilePath, ex.InnerException ?? ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new CommandStartException(command.TargetFilePath, ex);
        }

        if (timeout is { } t)
            deadline.CancelAfter(t);
        try
        {
            var result = await task;
            return new ProcessResult(result.ExitCode, result.StartTime, result.ExitTime, TimedOut: false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return new ProcessResult(ExitCode: null, started, DateTimeOffset.Now, TimedOut: true);
        }
    }

    /// <summary>Runs and keeps the tails of stdout and stderr as text, each at most <paramref name="maxCharsPerStream"/> characters.</summary>
    public static async Task<BufferedProcessResult> RunBufferedAsync(this Command command, TimeSpan? timeout = null, int maxCharsPerStream = 4 * 1024 * 1024, CancellationToken cancellationToken = default)
    {
        var stdout = new TailBuffer(maxCharsPerStream);
        var stderr = new TailBuffer(maxCharsPerStream);
        var result = await command
            .WithStandardOutputPipe(PipeTarget.Merge(command.StandardOutputPipe, stdout.ToPipeTarget()))
            .WithStandardErrorPipe(PipeTarget.Merge(command.StandardErrorPipe, stderr.ToPipeTarget()))
            .RunAsync(timeout, cancellationToken);
        return new BufferedProcessResult(result.ExitCode, result.StartTime, result.ExitTime, result.TimedOut, stdout.ToString(), stderr.ToString());
    }

    // CliWrap cancels the token it hands the stdin source once the process has exited (or is killed):
    // that moment starts the grace period for the output pipes.
    private static PipeSource NotifyingExit(PipeSource source, CancellationTokenSource drain) => PipeSource.Create(async (stdin, ct) =>
    {
        ct.Register(() =>
        {
            try
            {
                drain.CancelAfter(PipeDrainGrace);
            }
            catch (ObjectDisposedException)
            {
                // The run is already over.
            }
        });
        await source.CopyToAsync(stdin, ct);
    });

    private static PipeTarget Draining(PipeTarget target, CancellationToken drain)
    {
        if (ReferenceEquals(target, PipeTarget.Null))
            target = PipeTarget.ToStream(Stream.Null);
        return PipeTarget.Create(async (stream, ct) =>
        {
            using var either = CancellationTokenSource.CreateLinkedTokenSource(ct, drain);
            try
            {
                await target.CopyFromAsync(stream, either.Token);
            }
            catch (OperationCanceledException) when (drain.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                // Whatever still holds the pipe is not the process we ran.
            }
        });
    }
}
