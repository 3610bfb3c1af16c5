using System.Net;
using System.Text.Json;
using Peepshow.Http;
using Peepshow.Protocol;
using Peepshow.Protocol.Hosting;
using Peepshow.Protocol.Rows;
using Peepshow.Sinks.Common.Delivery;

namespace Peepshow.Sinks.Cassandra;

/// <summary>
/// One row per run through Stargate REST: <c>POST /v2/keyspaces/{ks}/{table}</c>, an upsert on <c>run_id</c>, so
/// retries and replays land on the same row. The steady state is exactly one request.
/// </summary>
internal static class CassandraSink
{
    public const string Name = "cassandra";

    // After creating the table, Stargate's schema cache may not know it for a moment; a few quick re-tries cover that.
    private const int SchemaSettleTries = 3;

    public static SinkInfo Info { get; } = new(Name, "writes one row per run into a Cassandra table through the Stargate REST API",
    [
        new EnvVarDoc(CassandraEnv.Url, "Stargate REST base URL, e.g. http://localhost:8082 or https://<db>-<region>.apps.astra.datastax.com/api/rest", Required: true),
        new EnvVarDoc(CassandraEnv.Keyspace, "keyspace holding the table (must exist)", Required: true),
        new EnvVarDoc(CassandraEnv.Table, "table to upsert one row per run into", Default: CassandraConfig.DefaultTable),
        new EnvVarDoc(CassandraEnv.Token, "sent as X-Cassandra-Token (self-hosted: from POST /v1/auth; Astra: AstraCS:…); omit when auth is off", Secret: true),
        new EnvVarDoc(CassandraEnv.CreateTable, "1 = create the table through the schema API if the first write finds it missing", Default: "0"),
        new EnvVarDoc(EnvNames.FrameBaseUrl, "public base URL of the frames; enables thumbnail_url"),
        .. EndpointGuard.Variables,
        .. RetryPolicy.Variables,
    ]);

    public static SinkDefinition<CassandraConfig> Definition { get; } = new(Info, CassandraConfig.Read, WriteAsync);

    private static async Task<string> WriteAsync(SinkInvocation<CassandraConfig> run, CancellationToken cancellationToken)
    {
        var config = run.Config;
        var row = StandardRowMapper.Map(run.Payload, config.FrameBaseUrl, run.Time.GetUtcNow());
        var requests = new StargateRequests(config);
        var body = StargateRequests.RowJson(row);
        var rowUrl = requests.RowUrl(row.RunId);

        if (run.DryRun)
        {
            using (var add = requests.AddRow(body.Json))
                run.Out.Write(await HttpDump.RequestAsync(add, cancellationToken));
            if (config.CreateTable)
            {
                run.Out.WriteLine();
                run.Out.WriteLine($"# only if that answers that the table is missing ({CassandraEnv.CreateTable}=1): create it, then send the row again");
                using var create = requests.CreateTable();
                run.Out.Write(await HttpDump.RequestAsync(create, cancellationToken));
            }
            return $"{Name}: dry run, nothing sent; run {row.RunId} would be at {rowUrl}";
        }

        using var http = new SinkHttpClient(config.Retry, run.Error, run.Time) { EndpointVariable = CassandraEnv.Url };
        var rowEcho = StargateEcho.Row(row.RunId);
        var outcome = await SendAsync(http, () => requests.AddRow(body.Json), "POST " + requests.TablePath, rowEcho, cancellationToken);

        if (outcome is StargateOutcome.TableMissing && config.CreateTable)
        {
            var created = await SendAsync(http, requests.CreateTable, "POST " + requests.SchemaPath, StargateEcho.Table(config.Table), cancellationToken);
            if (created is not (StargateOutcome.Written or StargateOutcome.AlreadyExists))
                throw Explain(run, created, requests, requests.SchemaPath);
            run.Error.WriteLine($"created table {config.Keyspace}.{config.Table} ({CassandraEnv.CreateTable}=1)");

            outcome = await SendAsync(http, () => requests.AddRow(body.Json), "POST " + requests.TablePath, rowEcho, cancellationToken);
            for (var settle = 0; settle < SchemaSettleTries && outcome is StargateOutcome.TableMissing; settle++)
            {
                await Task.Delay(config.Retry.Backoff(settle, 1), run.Time, cancellationToken);
                outcome = await SendAsync(http, () => requests.AddRow(body.Json), "POST " + requests.TablePath, rowEcho, cancellationToken);
            }
        }

        if (outcome is not StargateOutcome.Written written)
            throw Explain(run, outcome, requests, requests.TablePath);
        if (body.Quoted.Count > 0 && !QuotedText.IsEcho(written.Body, body))
            await CheckQuotedTextAsync(run, http, requests, row, body, cancellationToken);
        return $"{Name}: run {row.RunId} -> {rowUrl}";
    }

    /// <summary>
    /// Reads the row back when some text travelled quoted to a server that did not show itself as Stargate v2,
    /// and rewrites those values plain if it stored the quotes literally (a non-Stargate "compatible" endpoint).
    /// The row is written either way, so problems here are notes on stderr, never a failure.
    /// </summary>
    private static async Task CheckQuotedTextAsync(
        SinkInvocation<CassandraConfig> run, SinkHttpClient http, StargateRequests requests, StandardRow row, RowBody body, CancellationToken cancellationToken)
    {
        JsonElement? stored;
        try
        {
            using var response = await http.SendAsync(() => requests.GetRow(row.RunId), $"GET {requests.TablePath}/…", cancellationToken);
            stored = response.IsSuccessStatusCode ? QuotedText.FirstRow(await response.Content.ReadAsStringAsync(cancellationToken)) : null;
            if (stored is null)
            {
                run.Error.WriteLine($"note: could not read run {row.RunId} back to check its quoted text ({await HttpDump.ResponseLineAsync(response, 120, cancellationToken)})");
                return;
            }
        }
        catch (SinkException ex)
        {
            run.Error.WriteLine($"note: could not read run {row.RunId} back to check its quoted text ({ex.Message})");
            return;
        }

        var (verdict, columns) = QuotedText.Judge(stored.Value, body);
        if (verdict == QuotedText.Verdict.Altered)
            run.Error.WriteLine($"warning: the server changed {string.Join(", ", columns)} on the way in; the stored text differs from the payload");
        if (verdict != QuotedText.Verdict.StoredLiterally)
            return;

        run.Error.WriteLine($"note: this server stores quoted text literally (Stargate does not); rewriting {string.Join(", ", columns)} plain");
        var plain = StargateRequests.RowJson(row, quoteSafe: false);
        var outcome = await SendAsync(http, () => requests.AddRow(plain.Json), "POST " + requests.TablePath, StargateEcho.Row(row.RunId), cancellationToken);
        if (outcome is not StargateOutcome.Written)
            throw Explain(run, outcome, requests, requests.TablePath);
    }

    private static async Task<StargateOutcome> SendAsync(
        SinkHttpClient http, Func<HttpRequestMessage> request, string what, StargateEcho echo, CancellationToken cancellationToken)
    {
        var before = http.Attempts;
        using var response = await http.SendAsync(request, what, cancellationToken);
        var outcome = await StargateOutcome.InterpretAsync(response, echo, cancellationToken);
        // The client counts every attempt it ever made; an error line should count this request's only.
        return outcome is StargateOutcome.Failed failed ? failed with { Attempts = http.Attempts - before } : outcome;
    }

    /// <summary>
    /// One clear line saying what is wrong and what to do. Where the fix is CQL (missing table or keyspace, other
    /// columns), that line and the CQL to paste are written first, and the final line (the one SinkApp prints, kept
    /// to one line) repeats the verdict, so both the first and the last line of stderr name the table.
    /// </summary>
    private static SinkException Explain(SinkInvocation<CassandraConfig> run, StargateOutcome outcome, StargateRequests requests, string path)
    {
        var config = run.Config;
        var ks = config.Keyspace;
        var qualified = $"{ks}.{config.Table}";
        var createTable = CassandraSchema.CreateTableCql(ks, config.Table);

        switch (outcome)
        {
            case StargateOutcome.TableMissing(var detail) when config.CreateTable:
                return WithCql(
                    $"table {qualified} is still missing after creating it through the schema API ({detail}); check that the token's role may CREATE in keyspace {ks}, or create it yourself:",
                    createTable,
                    $"table {qualified} is still missing after {CassandraEnv.CreateTable}=1 created it");
            case StargateOutcome.TableMissing(var detail):
                return WithCql(
                    $"table {qualified} does not exist ({detail}). Create it once with this CQL (cqlsh), or set {CassandraEnv.CreateTable}=1 to let the sink create it:",
                    createTable,
                    $"table {qualified} does not exist: create it with the CQL above, or set {CassandraEnv.CreateTable}=1");
            case StargateOutcome.KeyspaceMissing(var detail):
                return WithCql(
                    $"keyspace {ks} does not exist ({detail}){CaseHint(ks)}. The sink never creates keyspaces (replication is your call); create it and the table with:",
                    $"{CassandraSchema.CreateKeyspaceCql(ks)}\n{createTable}",
                    $"keyspace {ks} does not exist: create it with the CQL above");
            case StargateOutcome.Failed(HttpStatusCode.BadRequest, var detail) when IsSchemaMismatch(detail):
                return WithCql(
                    $"table {qualified} does not have the peepshow columns ({detail}); alter it or recreate it as:",
                    createTable,
                    $"table {qualified} does not have the peepshow columns: see the CQL above");
        }

        return SinkException.Remote(outcome switch
        {
            StargateOutcome.Unauthorized(var detail) when config.Token is null =>
                $"Stargate requires a token ({detail}): set {CassandraEnv.Token}; {TokenHint(config.BaseUri)}",
            StargateOutcome.Unauthorized(var detail) =>
                $"Stargate rejected {CassandraEnv.Token} ({detail}); it is wrong or expired: {TokenHint(config.BaseUri)}",
            StargateOutcome.Failed(HttpStatusCode.BadRequest, var detail) =>
                $"Stargate rejected the row for {qualified} ({detail})",
            StargateOutcome.Failed(HttpStatusCode.Forbidden, var detail) =>
                $"Stargate refused the write ({detail}): the token's role needs MODIFY on {qualified}{(config.CreateTable ? $" (and CREATE on keyspace {ks} for {CassandraEnv.CreateTable})" : "")}",
            StargateOutcome.NotStargate(var detail, var expected) =>
                $"POST {requests.Url(path)} answered {detail}, which is not Stargate's answer to {expected}, so nothing is known to be stored; {UrlHint(config)}",
            StargateOutcome.Failed(HttpStatusCode.NotFound, var detail) =>
                $"POST {requests.Url(path)} answered {detail}; {UrlHint(config)}",
            StargateOutcome.Failed { Attempts: var attempts, Detail: var detail } =>
                $"POST {path} failed after {attempts} attempt(s): {detail}",
            _ => $"POST {path}: unexpected answer {outcome}",
        });

        SinkException WithCql(string line, string cql, string verdict)
        {
            run.Error.WriteLine($"{Definition.Info.ExecutableName}: {line}");
            run.Error.WriteLine(cql);
            return SinkException.Remote(verdict);
        }
    }

    private static string UrlHint(CassandraConfig config) =>
        $"is {CassandraEnv.Url} the Stargate REST base (http://<host>:8082, or https://<db-id>-<region>.apps.astra.datastax.com/api/rest)"
        + (config.BaseUri.AbsolutePath.TrimEnd('/').EndsWith("/v2", StringComparison.OrdinalIgnoreCase) ? ", without the trailing /v2?" : "?");

    private static bool IsSchemaMismatch(string detail) =>
        detail.Contains("Unknown field name", StringComparison.OrdinalIgnoreCase)
        || detail.Contains("Undefined column", StringComparison.OrdinalIgnoreCase)
        || detail.Contains("Failed to deserialize field", StringComparison.OrdinalIgnoreCase);

    // Stargate REST paths are case-sensitive, CQL folds unquoted names to lower case: a common mix-up.
    private static string CaseHint(string keyspace) =>
        keyspace == keyspace.ToLowerInvariant() ? "" : $" (names are case-sensitive here; a keyspace created without quotes is '{keyspace.ToLowerInvariant()}')";

    private static string TokenHint(Uri baseUri) =>
        baseUri.Host.EndsWith(".astra.datastax.com", StringComparison.OrdinalIgnoreCase)
            ? "generate an application token (AstraCS:…) in the Astra portal"
            : $"get one with curl -s -X POST {baseUri.Scheme}://{baseUri.Host}:8081/v1/auth -H 'Content-Type: application/json' -d '{{\"username\":\"…\",\"password\":\"…\"}}' (tokens expire after 30 min idle by default)";
}
