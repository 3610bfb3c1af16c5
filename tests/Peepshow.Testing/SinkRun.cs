using System.Text;
using CliWrap;
using Peepshow.Core.Processes;
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
    /// <c>dotnet &lt;assembly&gt; args…</c>: how specs run a sink's real executable. Inherited variables starting
    /// with any of <paramref name="clearPrefixes"/> are removed first, so only <paramref name="env"/> configures
    /// the sink, whatever the machine running the specs has set.
    /// </summary>
    public static Command DotnetCommand(
        string assemblyPath,
        IEnumerable<string>? args = null,
        IReadOnlyDictionary<string, string>? env = null,
        params string[] clearPrefixes)
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var key in Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(k => clearPrefixes.Any(p => k.StartsWith(p, StringComparison.Ordinal))))
            variables[key] = null;
        foreach (var (key, value) in env ?? new Dictionary<string, string>())
            variables[key] = value;
        return Cli.Wrap(DotnetHost)
            .WithArguments([assemblyPath, .. args ?? []])
            .WithEnvironmentVariables(variables);
    }

    /// <summary>Runs the command with <paramref name="stdin"/> piped in and closed, and waits; cancelling kills its tree.</summary>
    public static async Task<SinkRun> ProcessAsync(Command command, byte[] stdin, CancellationToken cancellationToken = default)
    {
        var result = await command
            .WithStandardInputPipe(PipeSource.FromBytes(stdin))
            .RunBufferedAsync(cancellationToken: cancellationToken);
        return new SinkRun(result.ExitCode!.Value, result.StandardOutput, result.StandardError);
    }

    // The dotnet CLI tells child processes which host it is (DOTNET_HOST_PATH); fall back to PATH.
    private static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
}
