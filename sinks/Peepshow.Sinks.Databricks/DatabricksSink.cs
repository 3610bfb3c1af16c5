using Peepshow.Http;
using Peepshow.Protocol;
using Peepshow.Protocol.Hosting;
using Peepshow.Protocol.Rows;
using Peepshow.Sinks.Common.Delivery;

namespace Peepshow.Sinks.Databricks;

/// <summary>
/// peepshow-sink-databricks: one row per run in a Delta table, exactly once. Steady state is one MERGE per run;
/// only when that MERGE finds no table does the sink create it and MERGE again.
/// </summary>
internal static class DatabricksSink
{
    internal static SinkInfo Info { get; } = new(
        "databricks",
        "writes each run as one row of a Databricks Delta table (SQL Statement Execution API), exactly once",
        [
            new EnvVarDoc(DatabricksEnv.Url, "workspace URL, e.g. https://adb-1234567890123456.7.azuredatabricks.net", Required: true),
            new EnvVarDoc(DatabricksEnv.Token, "personal access token or OAuth token (sent as Bearer)", Required: true, Secret: true),
            new EnvVarDoc(DatabricksEnv.WarehouseId, "SQL warehouse id that runs the statements", Required: true),
            new EnvVarDoc(DatabricksEnv.Catalog, "Unity Catalog catalog", Default: TableName.DefaultCatalog),
            new EnvVarDoc(DatabricksEnv.Schema, "schema", Default: TableName.DefaultSchema),
            new EnvVarDoc(DatabricksEnv.Table, "table, created on first write", Default: TableName.DefaultTable),
            new EnvVarDoc(EnvNames.FrameBaseUrl, "public base URL of the frames; fills thumbnail_url"),
            new EnvVarDoc(DatabricksEnv.WaitTimeout, "wait_timeout per request: 0s or 5s-50s, then poll", Default: $"{DatabricksConfig.DefaultWaitTimeoutSeconds}s"),
            new EnvVarDoc(DatabricksEnv.StatementTimeoutSeconds, "seconds a statement may stay queued/running before it is canceled", Default: $"{DatabricksConfig.DefaultStatementTimeoutSeconds}"),
            .. EndpointGuard.Variables,
            .. RetryPolicy.Variables,
        ]);

    public static SinkDefinition<DatabricksConfig> Definition { get; } = new(Info, DatabricksConfig.Read, WriteAsync);

    private static async Task<string> WriteAsync(SinkInvocation<DatabricksConfig> run, CancellationToken cancellationToken)
    {
        var config = run.Config;
        var row = StandardRowMapper.Map(run.Payload, config.FrameBaseUrl, run.Time.GetUtcNow());
        var merge = Statements.Merge(config.Table, row);
        var create = Statements.CreateTable(config.Table);

        if (run.DryRun)
        {
            await DryRun.PrintAsync(run.Out, config, merge, create, cancellationToken);
            return $"databricks: dry run, nothing sent (run {row.RunId} -> {config.Table})";
        }

        using var http = new SinkHttpClient(config.Retry, run.Error, run.Time) { EndpointVariable = DatabricksEnv.Url };
        var client = new StatementClient(config, http, run.Error, run.Time);

        var result = await client.RunRetryingConflictsAsync(merge, cancellationToken);
        var created = false;
        if (result.IsTableMissing)
        {
            run.Error.WriteLine($"table {config.Table} does not exist yet; creating it");
            var ddl = await client.RunAsync(create, cancellationToken);
            EnsureSucceeded(ddl, $"CREATE TABLE {config.Table}");
            created = true;
            result = await client.RunRetryingConflictsAsync(merge, cancellationToken);
        }
        EnsureSucceeded(result, $"MERGE into {config.Table}");

        var line = $"databricks: run {row.RunId} -> {config.Table} (statement {result.StatementId})";
        if (created)
            line += "; created the table";
        if (result.InsertedRows == 0)
            line += "; the row was already there, left as is";
        // The link comes last: peepshow takes the first URL in the line as the record's link.
        return $"{line}; {config.Table.CatalogExplorerUrl(config.WorkspaceUrl)}";
    }

    private static void EnsureSucceeded(StatementStatus status, string what)
    {
        if (status.State == StatementState.Succeeded)
            return;
        // Databricks usually ends the message with "SQLSTATE: …" already; say it once.
        var sqlState = status.SqlState is null || status.Message?.Contains(status.SqlState, StringComparison.Ordinal) == true ? "" : $", SQLSTATE {status.SqlState}";
        throw SinkException.Remote(StatementClient.Sentences($"{what}: {status.Describe()} (statement {status.StatementId}{sqlState})", Hint(status)));
    }

    private const string PermissionHint =
        "The token's principal needs USE CATALOG, USE SCHEMA, SELECT and MODIFY on the table (and CREATE TABLE on the schema for the first run)";

    /// <summary>The fix for the failures people actually hit, keyed on the error condition rather than the prose.</summary>
    internal static string Hint(StatementStatus status) => (status.State, status.ErrorClass?.Split('.')[0]) switch
    {
        (StatementState.Failed, "INSUFFICIENT_PERMISSIONS" or "PERMISSION_DENIED") => PermissionHint,
        (StatementState.Failed, _) when status.ErrorCode == "PERMISSION_DENIED" => PermissionHint,
        (StatementState.Failed, "SCHEMA_NOT_FOUND") =>
            $"Create the schema, or point {DatabricksEnv.Schema} at an existing one",
        (StatementState.Failed, "NO_SUCH_CATALOG_EXCEPTION" or "CATALOG_NOT_FOUND") =>
            $"Create the catalog, or point {DatabricksEnv.Catalog} at an existing one",
        (StatementState.Failed, "UNRESOLVED_COLUMN" or "DELTA_MISSING_COLUMN" or "DELTA_FAILED_TO_MERGE_FIELDS" or "INCOMPATIBLE_DATA_FOR_TABLE" or "CAST_INVALID_INPUT") =>
            $"The existing table does not have the peepshow columns and types (see docs/sinks/databricks.md), or set {DatabricksEnv.Table} to a new table",
        (StatementState.Failed, _) when status.IsWriteConflict =>
            "Other writers kept committing to the table; the run can be replayed (peepshow sinks retry)",
        (StatementState.Canceled, _) =>
            "Someone canceled the statement, or the warehouse stopped; the run can be replayed (peepshow sinks retry)",
        _ => "",
    };
}
