using Peepshow.Protocol;
using Peepshow.Testing;
using Peepshow.Testing.Doubles.Databricks;

namespace Peepshow.Sinks.Databricks.Tests.Fixtures;

internal static class SinkRunExtensions
{
    /// <summary>stdout and stderr together, for "never prints X" checks.</summary>
    public static string Output(this SinkRun run) => run.Stdout + run.Stderr;
}

/// <summary>
/// Runs the sink in-process through SinkApp against a <see cref="DatabricksDouble"/>, with a distinctive token,
/// fast retries, and a check on EVERY run that the token never reached stdout or stderr.
/// </summary>
internal static class SinkRunner
{
    /// <summary>Distinctive so a leak anywhere in the output cannot be a coincidence.</summary>
    public const string Token = "dapi-SECRET-7f3a9c1e5b-never-print-me";

    public const string WarehouseId = "abcdef1234567890";

    public static Task<DatabricksDouble> StartDoubleAsync() =>
        DatabricksDouble.StartAsync(Token, WarehouseId, cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>The env a correctly configured sink sees; <paramref name="overrides"/> set (or, with null, remove) variables.</summary>
    public static Dictionary<string, string?> Env(DatabricksDouble databricks, params (string Name, string? Value)[] overrides)
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [DatabricksEnv.Url] = databricks.BaseUrl,
            [DatabricksEnv.Token] = databricks.Token,
            [DatabricksEnv.WarehouseId] = databricks.WarehouseId,
            // Milliseconds instead of seconds between retries and polls; Retry-After still waits its 1 s floor.
            [EnvNames.SinkRetryBaseMs] = "5",
        };
        foreach (var (name, value) in overrides)
            env[name] = value;
        return env;
    }

    public static Task<SinkRun> RunAsync(DatabricksDouble databricks, string stdin, params (string Name, string? Value)[] env) =>
        RunAsync(stdin, Env(databricks, env));

    public static async Task<SinkRun> RunAsync(string stdin, IReadOnlyDictionary<string, string?> env, params string[] args)
    {
        var set = env.Where(e => e.Value is not null).ToDictionary(e => e.Key, e => e.Value!, StringComparer.Ordinal);
        var run = await SinkRun.InProcessAsync(DatabricksSink.Definition, stdin, set, args, TestContext.Current.CancellationToken);
        AssertNoSecret(run, env.GetValueOrDefault(DatabricksEnv.Token));
        return run;
    }

    public static void AssertNoSecret(SinkRun run, string? token)
    {
        if (!string.IsNullOrEmpty(token))
            Assert.False(run.Output().Contains(token, StringComparison.Ordinal), $"the token leaked into the output:\n{run}");
    }
}
