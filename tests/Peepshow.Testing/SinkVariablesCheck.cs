using System.Collections.Concurrent;
using Peepshow.Protocol;
using Peepshow.Protocol.Hosting;

namespace Peepshow.Testing;

/// <summary>
/// What a sink's <c>--help</c> lists under "Environment:" against what it actually reads: its <c>--help</c>, then a
/// <c>--dry-run</c> of <see cref="RunPayloads.Full"/> with every variable it may read recorded as it reads it, both
/// through <see cref="SinkApp"/> in process as the shipped executable runs them.
/// </summary>
public static class SinkVariablesCheck
{
    /// <param name="env">A working configuration for the dry run (the sink's required variables).</param>
    public static async Task<(IReadOnlyList<string> Listed, IReadOnlyList<string> Read, string Stderr)> RunAsync<TConfig>(
        SinkDefinition<TConfig> sink, IReadOnlyDictionary<string, string> env)
    {
        var help = new StringWriter();
        var helpExit = await SinkApp.RunAsync(["--help"], sink, new SinkIo(Stream.Null, help, TextWriter.Null, _ => null));
        if (helpExit != 0)
            throw new InvalidOperationException($"--help exited {helpExit}");

        var read = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var stderr = new StringWriter();
        using var stdin = new MemoryStream(ProtocolJson.SerializeToUtf8(RunPayloads.Full));
        var exit = await SinkApp.RunAsync(["--dry-run"], sink, new SinkIo(stdin, TextWriter.Null, stderr, name =>
        {
            read[name] = true;
            return env.GetValueOrDefault(name);
        }));
        if (exit != 0)
            throw new InvalidOperationException($"--dry-run exited {exit}: {stderr}");
        return (Listed(help.ToString()), [.. read.Keys.Order(StringComparer.Ordinal)], stderr.ToString());
    }

    /// <summary>The first word of each line of the help's "Environment:" section.</summary>
    public static IReadOnlyList<string> Listed(string help) =>
        help.Split('\n')
            .SkipWhile(line => line != "Environment:")
            .Skip(1)
            .TakeWhile(line => line.StartsWith("  ", StringComparison.Ordinal))
            .Select(line => line.Trim().Split(' ')[0])
            .ToList();
}
