namespace Peepshow.Sinks.Databricks;

internal enum StatementState
{
    Pending,
    Running,
    Succeeded,
    Failed,
    Canceled,
    Closed,
}
