using Peepshow.Protocol;
using Peepshow.Testing;
using Peepshow.Testing.Doubles.Databricks;

namespace Peepshow.Sinks.Databricks.Tests.Fixtures;

/// <summary>
/// A <see cref="DatabricksDouble"/> with a distinctive token and the environment a correctly configured sink sees
/// (fast retries); the sink runs through the shared <see cref="SinkHarness"/>.
/// </summary>
internal static class DatabricksFixture
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

    public static Task<SinkRun> RunAsync(string stdin, IReadOnlyDictionary<string, string?> env, params string[] args) =>
        SinkHarness.RunAsync(DatabricksSink.Definition, stdin, env, args, secrets: [Token], cancellationToken: TestContext.Current.CancellationToken);
}
