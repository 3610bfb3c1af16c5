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
    public const string UrlVar = "CASSANDRA_URL";
    public const string KeyspaceVar = "CASSANDRA_KEYSPACE";
    public const string TableVar = "CASSANDRA_TABLE";
    public const string TokenVar = "CASSANDRA_TOKEN";
    public const string CreateTableVar = "CASSANDRA_CREATE_TABLE";
    public const string DefaultTable = "peepshow_runs";

    public static IReadOnlyList<EnvVarDoc> Environment { get; } =
    [
        new(UrlVar, "Stargate REST base URL, e.g. http://localhost:8082 or https://<db>-<region>.apps.astra.datastax.com/api/rest", Required: true),
        new(KeyspaceVar, "keyspace holding the table (must exist)", Required: true),
        new(TableVar, "table to upsert one row per run into", Default: DefaultTable),
        new(TokenVar, "sent as X-Cassandra-Token (self-hosted: from POST /v1/auth; Astra: AstraCS:…); omit when auth is off", Secret: true),
        new(CreateTableVar, "1 = create the table through the schema API if the first write finds it missing", Default: "0"),
        new(EnvNames.FrameBaseUrl, "public base URL of the frames; enables thumbnail_url"),
        new(EnvNames.SinkMaxAttempts, "most attempts per request", Default: "6"),
        new(EnvNames.SinkMaxSeconds, "overall seconds per delivery including retries", Default: "120"),
        new(EnvNames.AllowInsecureHttp, "1 = allow the token over plain http to a non-loopback host"),
    ];

    public static CassandraConfig Read(SinkEnvironment env)
    {
        var token = env.Get(TokenVar);
        var url = env.Require(UrlVar, "the Stargate REST base, e.g. http://localhost:8082");
        var keyspace = CqlName.Validate(KeyspaceVar, env.Require(KeyspaceVar, "the keyspace holding the runs table"));
        var table = CqlName.Validate(TableVar, env.GetOrDefault(TableVar, DefaultTable));
        return new CassandraConfig(
            EndpointGuard.Parse(env, UrlVar, url, sendsCredentials: token is not null),
            keyspace,
            table,
            token,
            env.IsOn(CreateTableVar),
            env.Get(EnvNames.FrameBaseUrl),
            RetryPolicy.FromEnvironment(env));
    }
}
