using CliWrap;
using Peepshow.Core.Processes;

namespace Peepshow.Demo;

/// <summary>Runs one program of the demo to completion through the product's process runner.</summary>
public static class DemoProcess
{
    /// <param name="clearPrefix">
    /// Inherited variables starting with this are removed first: the caller's own settings (a real DATABRICKS_URL in
    /// the shell, say) must not leak into a demo.
    /// </param>
    public static async Task<BufferedProcessResult> RunAsync(
        string program, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> env, byte[]? stdin, CancellationToken cancellationToken,
        string? clearPrefix = null)
    {
        var command = Cli.Wrap(program).WithArguments(args).WithEnvironmentVariables(variables =>
        {
            if (clearPrefix is not null)
            {
                foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(n => n.StartsWith(clearPrefix, StringComparison.Ordinal)))
                    variables.Set(name, null);
            }
            foreach (var (name, value) in env)
                variables.Set(name, value);
        });
        if (stdin is not null)
            command = command.WithStandardInputPipe(PipeSource.FromBytes(stdin));
        var result = await command.RunBufferedAsync(TimeSpan.FromMinutes(5), cancellationToken: cancellationToken);
        if (result.TimedOut)
            throw new DemoException($"{Path.GetFileName(program)} {string.Join(' ', args)} did not finish within 5 minutes");
        if (result.ExitCode != 0)
            throw new DemoException($"{Path.GetFileName(program)} {string.Join(' ', args)} exited {result.ExitCode}: {result.StandardError.Trim()}");
        return result;
    }
}
