using System.Diagnostics;
using System.Text;
using Peepshow.Protocol.Hosting;

namespace Peepshow.Testing;

/// <summary>What a sink run left behind: its exit code and everything it printed.</summary>
public sealed record SinkRun(int ExitCode, string Stdout, string Stderr)
{
    public IReadOnlyList<string> StdoutLines => Lines(Stdout);

    public IReadOnlyList<string> StderrLines => Lines(Stderr);

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// Runs a <see cref="SinkApp"/> sink in-process against exact stdin bytes and env, with no real
    /// console or environment involved, so a spec sees precisely what the sink reads and prints.
    /// </summary>
    /// <param name="time">The sink's clock (e.g. a fixed "now" for payloads without createdAt); the system clock when null.</param>
    public static async Task<SinkRun> InProcessAsync<TConfig>(
        SinkDefinition<TConfig> sink,
        Stream stdin,
        IReadOnlyDictionary<string, string>? env = null,
        IReadOnlyList<string>? args = null,
        bool stdinIsTerminal = false,
        TimeProvider? time = null,
        CancellationToken cancellationToken = default)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var io = new SinkIo(stdin, stdout, stderr, name => env?.GetValueOrDefault(name))
        {
            StdinIsTerminal = stdinIsTerminal,
            Time = time ?? TimeProvider.System,
        };
        var code = await SinkApp.RunAsync([.. args ?? []], sink, io, cancellationToken);
        return new SinkRun(code, stdout.ToString(), stderr.ToString());
    }

    /// <inheritdoc cref="InProcessAsync{TConfig}(SinkDefinition{TConfig}, Stream, IReadOnlyDictionary{string, string}?, IReadOnlyList{string}?, bool, TimeProvider?, CancellationToken)"/>
    public static Task<SinkRun> InProcessAsync<TConfig>(
        SinkDefinition<TConfig> sink,
        string stdin,
        IReadOnlyDictionary<string, string>? env = null,
        IReadOnlyList<string>? args = null,
        CancellationToken cancellationToken = default) =>
        InProcessAsync(sink, new MemoryStream(Encoding.UTF8.GetBytes(stdin)), env, args, cancellationToken: cancellationToken);

    /// <summary>
    /// <c>dotnet &lt;assembly&gt; args…</c> with all three streams redirected: how specs run a sink's real executable.
    /// Inherited variables starting with any of <paramref name="clearPrefixes"/> are removed first, so only
    /// <paramref name="env"/> configures the sink, whatever the machine running the specs has set.
    /// </summary>
    public static ProcessStartInfo DotnetStartInfo(
        string assemblyPath,
        IEnumerable<string>? args = null,
        IReadOnlyDictionary<string, string>? env = null,
        params string[] clearPrefixes)
    {
        var info = new ProcessStartInfo(DotnetHost)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(assemblyPath);
        foreach (var arg in args ?? [])
            info.ArgumentList.Add(arg);
        foreach (var key in info.Environment.Keys.Where(k => clearPrefixes.Any(p => k.StartsWith(p, StringComparison.Ordinal))).ToList())
            info.Environment.Remove(key);
        foreach (var (key, value) in env ?? new Dictionary<string, string>())
            info.Environment[key] = value;
        return info;
    }

    /// <summary>Starts the process, pipes <paramref name="stdin"/> and closes it, and waits; cancelling kills its tree.</summary>
    public static async Task<SinkRun> ProcessAsync(ProcessStartInfo start, byte[] stdin, CancellationToken cancellationToken = default)
    {
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            try
            {
                await process.StandardInput.BaseStream.WriteAsync(stdin, cancellationToken);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The sink exited without reading stdin (--help, a config error): its exit code tells the story.
            }
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new SinkRun(process.ExitCode, await stdout, await stderr);
    }

    // The dotnet CLI tells child processes which host it is (DOTNET_HOST_PATH); fall back to PATH.
    private static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
}
