using System.CommandLine;
using Peepshow.Core;

namespace Peepshow.Cli.Commands;

/// <summary>
/// Binds a command's action so an expected failure (<see cref="PeepshowException"/>) becomes one
/// <c>peepshow: …</c> line on stderr and its exit code, never a stack trace.
/// </summary>
internal static class CliAction
{
    public static void Set(Command command, Func<ParseResult, TextWriter, TextWriter, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            try
            {
                return await action(parse, stdout, stderr, cancellationToken);
            }
            catch (PeepshowException ex)
            {
                await stderr.WriteLineAsync($"peepshow: {ex.Message}");
                if (ex.Hint is { } hint && Environment.GetEnvironmentVariable("PEEPSHOW_NO_HINTS") != "1")
                    await stderr.WriteLineAsync($"peepshow: hint: {hint}");
                return ex.ExitCode;
            }
        });
}
