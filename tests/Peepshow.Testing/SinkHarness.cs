using System.Text;
using Peepshow.Protocol.Hosting;

namespace Peepshow.Testing;

/// <summary>
/// How every sink spec project runs its sink: in process through <see cref="SinkApp"/> (<see cref="SinkRun.InProcessAsync{TConfig}(SinkDefinition{TConfig}, Stream, IReadOnlyDictionary{string, string}?, IReadOnlyList{string}?, bool, TimeProvider?, CancellationToken)"/>)
/// with exact stdin and environment, and after EVERY run, success or failure, <see cref="SecretLeaks"/> over its
/// stdout and stderr for each secret it was given: the values of the variables the sink declares secret.
/// </summary>
public static class SinkHarness
{
    /// <param name="env">The sink's whole environment; a null value stands for an unset variable.</param>
    /// <param name="secrets">Secrets to look for besides the declared ones (a spec's token a double expects, say).</param>
    /// <param name="clock">The sink's clock; the system clock when null.</param>
    public static async Task<SinkRun> RunAsync<TConfig>(
        SinkDefinition<TConfig> sink,
        byte[] stdin,
        IReadOnlyDictionary<string, string?> env,
        IReadOnlyList<string>? args = null,
        IEnumerable<string>? secrets = null,
        TimeProvider? clock = null,
        CancellationToken cancellationToken = default)
    {
        var defined = env.Where(e => e.Value is not null).ToDictionary(e => e.Key, e => e.Value!, StringComparer.Ordinal);
        var run = await SinkRun.InProcessAsync(sink, new MemoryStream(stdin), defined, args, time: clock, cancellationToken: cancellationToken);
        var declared = sink.Info.Environment.Where(v => v.Secret).Select(v => defined.GetValueOrDefault(v.Name));
        SecretLeaks.AssertNone(run.Output, declared.Concat(secrets ?? []));
        return run;
    }

    /// <inheritdoc cref="RunAsync{TConfig}(SinkDefinition{TConfig}, byte[], IReadOnlyDictionary{string, string?}, IReadOnlyList{string}?, IEnumerable{string}?, TimeProvider?, CancellationToken)"/>
    public static Task<SinkRun> RunAsync<TConfig>(
        SinkDefinition<TConfig> sink,
        string stdin,
        IReadOnlyDictionary<string, string?> env,
        IReadOnlyList<string>? args = null,
        IEnumerable<string>? secrets = null,
        TimeProvider? clock = null,
        CancellationToken cancellationToken = default) =>
        RunAsync(sink, Encoding.UTF8.GetBytes(stdin), env, args, secrets, clock, cancellationToken);

    /// <summary>
    /// The sink's real executable (<c>dotnet peepshow-sink-&lt;name&gt;.dll</c> beside the spec assembly), for specs about
    /// the process boundary, with the same check. Only <paramref name="env"/> configures it: inherited variables of the
    /// sink's own (<c>CASSANDRA_…</c>) and peepshow's (<c>PEEPSHOW_…</c>) are removed first.
    /// </summary>
    public static async Task<SinkRun> RunProcessAsync(
        SinkInfo sink,
        byte[] stdin,
        IReadOnlyDictionary<string, string?> env,
        IReadOnlyList<string>? args = null,
        IEnumerable<string>? secrets = null,
        CancellationToken cancellationToken = default)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, sink.ExecutableName + ".dll");
        if (!File.Exists(dll))
            throw new FileNotFoundException($"{dll} is missing: the spec project must reference the sink project", dll);
        var defined = env.Where(e => e.Value is not null).ToDictionary(e => e.Key, e => e.Value!, StringComparer.Ordinal);
        var ownPrefix = sink.Name.ToUpperInvariant().Replace('-', '_') + "_";
        var command = SinkRun.DotnetCommand(dll, args, defined, ownPrefix, "PEEPSHOW_");
        var run = await SinkRun.ProcessAsync(command, stdin, cancellationToken);
        var declared = sink.Environment.Where(v => v.Secret).Select(v => defined.GetValueOrDefault(v.Name));
        SecretLeaks.AssertNone(run.Output, declared.Concat(secrets ?? []));
        return run;
    }
}
