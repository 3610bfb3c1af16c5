namespace Peepshow.Sinks.Databricks;

/// <summary>The sink's own environment variables.</summary>
internal static class DatabricksEnv
{
    public const string Url = "DATABRICKS_URL";
    public const string Token = "DATABRICKS_TOKEN";
    public const string WarehouseId = "DATABRICKS_WAREHOUSE_ID";
    public const string Catalog = "DATABRICKS_CATALOG";
    public const string Schema = "DATABRICKS_SCHEMA";
    public const string Table = "DATABRICKS_TABLE";
    public const string WaitTimeout = "DATABRICKS_WAIT_TIMEOUT";
    public const string StatementTimeoutSeconds = "DATABRICKS_STATEMENT_TIMEOUT_SECONDS";
}
