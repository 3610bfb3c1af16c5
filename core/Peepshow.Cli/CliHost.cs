using System.CommandLine;
using System.CommandLine.Invocation;
using System.Runtime.InteropServices;
using Peepshow.Core;
using Peepshow.Core.Output;

namespace Peepshow.Cli;

/// <summary>
/// Runs a command line and owns the process-level contract: parse errors exit 2 with one line, expected
/// failures (<see cref="PeepshowException"/>) print <c>peepshow: message</c> plus an optional hint and exit
/// with their code, Ctrl+C/SIGTERM cancel the run and exit 130, anything else is a bug: one line, exit 1.
/// </summary>
public static class CliHost
{
    public static async Task<int> RunAsync(RootCommand root, string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        stdout ??= Console.Out;
        stderr ??= Console.Error;
        ParseResult parse;
        try
        {
            parse = root.Parse(args);
        }
        catch (Exception ex)
        {
            await stderr.WriteLineAsync($"peepshow: unexpected error while reading the arguments ({ex.GetType().Name}): {FailureText.OneLine(ex.Message)}");
            return ExitCodes.Unexpected;
        }
        if (parse.Action is ParseErrorAction)
        {
            var first = parse.Errors.Count > 0 ? parse.Errors[0].Message : "invalid arguments";
            await stderr.WriteLineAsync($"peepshow: {FailureText.OneLine(first)}");
            Hints.Write(stderr, "run 'peepshow --help' for usage, defaults and examples");
            return ExitCodes.BadArguments;
        }

        using var interrupt = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            interrupt.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            interrupt.Cancel();
        });

        try
        {
            var configuration = new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
                // Cancellation is ours (above), so the run can clean up before the process exits.
                ProcessTerminationTimeout = null,
            };
            return await parse.InvokeAsync(configuration, interrupt.Token);
        }
        catch (PeepshowException ex)
        {
            foreach (var line in FailureText.Lines(ex))
                await stderr.WriteLineAsync(line);
            return ex.ExitCode;
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            // A run says itself what it left behind (a PeepshowException with exit 130); anything else just stops.
            await stderr.WriteLineAsync("peepshow: interrupted");
            return ExitCodes.Interrupted;
        }
        catch (Exception ex)
        {
            foreach (var line in FailureText.Unexpected(ex))
                await stderr.WriteLineAsync(line);
            return ExitCodes.Unexpected;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
