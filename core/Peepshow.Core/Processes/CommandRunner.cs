using System.ComponentModel;
using System.Diagnostics;

namespace Peepshow.Core.Processes;

internal static class CommandRunner
{
    // A process may leave a grandchild holding our pipes open after it exits; we stop waiting for
    // its output after this long instead of hanging with it.
    private static readonly TimeSpan PipeDrainGrace = TimeSpan.FromSeconds(5);

    public static async Task<CommandResult> RunAsync(Command command, CancellationToken cancellationToken)
    {
        using var process = new Process { StartInfo = command.ToStartInfo() };
        try
        {
            if (!process.Start())
                throw new CommandStartException(command.TargetFilePath, new InvalidOperationException("the process did not start"));
        }
        catch (Win32Exception ex)
        {
            throw new CommandStartException(command.TargetFilePath, ex);
        }

        var startTime = DateTimeOffset.UtcNow;
        using var pipes = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        var stdin = WriteStdinAsync(command.StandardInput, process.StandardInput.BaseStream, pipes.Token);
        var stdout = command.StandardOutput.CopyFromAsync(process.StandardOutput.BaseStream, pipes.Token);
        var stderr = command.StandardError.CopyFromAsync(process.StandardError.BaseStream, pipes.Token);

        var timedOut = false;
        using (var deadline = command.Timeout is { } t ? new CancellationTokenSource(t) : new CancellationTokenSource())
        using (var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token))
        {
            try
            {
                await process.WaitForExitAsync(either.Token);
            }
            catch (OperationCanceledException)
            {
                KillTree(process);
                // Reap it so the exit code is real and no zombie is left behind.
                await process.WaitForExitAsync(CancellationToken.None);
                if (cancellationToken.IsCancellationRequested)
                {
                    await pipes.CancelAsync();
                    await Quietly(Task.WhenAll(stdin, stdout, stderr));
                    throw new OperationCanceledException(cancellationToken);
                }
                timedOut = true;
            }
        }

        var pumps = Task.WhenAll(stdout, stderr);
        if (await Task.WhenAny(pumps, Task.Delay(PipeDrainGrace, CancellationToken.None)) != pumps)
            await pipes.CancelAsync();
        await Quietly(stdin);
        await Quietly(pumps, rethrowUnlessCanceled: !pipes.IsCancellationRequested);

        return new CommandResult(process.ExitCode, startTime, DateTimeOffset.UtcNow, timedOut);
    }

    private static async Task WriteStdinAsync(PipeSource source, Stream stdin, CancellationToken ct)
    {
        try
        {
            await source.CopyToAsync(stdin, ct);
        }
        catch (IOException)
        {
            // The process exited or closed stdin without reading everything; that is its choice.
        }
        finally
        {
            try
            {
                await stdin.DisposeAsync();
            }
            catch (IOException)
            {
            }
        }
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (Win32Exception)
        {
        }
    }

    private static async Task Quietly(Task task, bool rethrowUnlessCanceled = false)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException) when (!rethrowUnlessCanceled)
        {
        }
    }
}
