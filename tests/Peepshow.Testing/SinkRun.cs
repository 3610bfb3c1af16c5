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
    public static async Task<SinkRun> InProcessAsync<TConfig>(
        SinkDefinition<TConfig> sink,
        Stream stdin,
        IReadOnlyDictionary<string, string>? env = null,
        IReadOnlyList<string>? args = null,
        bool stdinIsTerminal = false,
        CancellationToken cancellationToken = default)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var io = new SinkIo(stdin, stdout, stderr, name => env?.GetValueOrDefault(name)) { StdinIsTerminal = stdinIsTerminal };
        var code = await SinkApp.RunAsync([.. args ?? []], sink, io, cancellationToken);
        return new SinkRun(code, stdout.ToString(), stderr.ToString());
    }

    /// <inheritdoc cref="InProcessAsync{TConfig}(SinkDefinition{TConfig}, Stream, IReadOnlyDictionary{string, string}?, IReadOnlyList{string}?, bool, CancellationToken)"/>
    public static Task<SinkRun> InProcessAsync<TConfig>(
        SinkDefinition<TConfig> sink,
        string stdin,
        IReadOnlyDictionary<string, string>? env = null,
        IReadOnlyList<string>? args = null,
        CancellationToken cancellationToken = default) =>
        InProcessAsync(sink, new MemoryStream(Encoding.UTF8.GetBytes(stdin)), env, args, cancellationToken: cancellationToken);
}
