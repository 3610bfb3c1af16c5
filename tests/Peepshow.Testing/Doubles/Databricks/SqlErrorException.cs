namespace Peepshow.Testing.Doubles.Databricks;

/// <summary>A statement failed while executing: carries the <see cref="SqlError"/> the response reports.</summary>
public sealed class SqlErrorException(SqlError error) : Exception(error.Message)
{
    public SqlError Error { get; } = error;
}
