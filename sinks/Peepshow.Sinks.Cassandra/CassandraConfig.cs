using Peepshow.Http;
using Peepshow.Protocol;
using Peepshow.Protocol.Hosting;
using Peepshow.Sinks.Common.Delivery;

namespace Peepshow.Sinks.Cassandra;

/// <summary>Everything the sink needs from env, read and validated before stdin is touched.</summary>
/// <param name="BaseUri">The Stargate REST base (<c>http://localhost:8082</c>, or Astra's <c>…/api/rest</c>).</param>
/// <param name="Token">Sent as <c>X-Cassandra-Token</c>; null for a Stargate running without auth.</param>
/// <param name="CreateTable">Create the table through the schema API when the first write finds it missing.</param>
internal sealed record CassandraConfig(
    Uri BaseUri,
    string Keyspace,
    string Table,
    string? Token,
    bool CreateTable,
    string? FrameBaseUrl,
    RetryPolicy Retry)
{
    public const string DefaultTable = "peepshow_runs";

    public static CassandraConfig Read(SinkEnvironment env)
    {
        var token = env.Get(CassandraEnv.Token);
        var url = env.Require(CassandraEnv.Url, "the Stargate REST base, e.g. http://localhost:8082");
        var keyspace = CqlName.Validate(CassandraEnv.Keyspace, env.Require(CassandraEnv.Keyspace, "the keyspace holding the runs table"));
        var table = CqlName.Validate(CassandraEnv.Table, env.GetOrDefault(CassandraEnv.Table, DefaultTable));
        return new CassandraConfig(
            EndpointGuard.Parse(env, CassandraEnv.Url, url, sendsCredentials: token is not null),
            keyspace,
            table,
            token,
            env.IsOn(CassandraEnv.CreateTable),
            env.Get(EnvNames.FrameBaseUrl),
            RetryPolicy.FromEnvironment(env));
    }
}
