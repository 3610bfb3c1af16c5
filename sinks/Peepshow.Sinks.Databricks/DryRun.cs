using Peepshow.Sinks.Common.Delivery;

namespace Peepshow.Sinks.Databricks;

/// <summary>
/// <c>--dry-run</c>: the statements, their parameters, and the exact requests that would carry them, in the
/// order the sink would send them. The token is masked here and again by SinkApp's redacting writer.
/// </summary>
internal static class DryRun
{
    private const int MaxShownValueChars = 72;

    public static async Task PrintAsync(TextWriter output, DatabricksConfig config, Statement merge, Statement create, CancellationToken cancellationToken)
    {
        output.WriteLine("# dry run: nothing is sent.");
        output.WriteLine("# Every run sends ONE statement, this MERGE (idempotent on run_id):");
        await PrintStatementAsync(output, config, merge, cancellationToken);
        output.WriteLine($"# Only when that MERGE fails because {config.Table} does not exist yet: this CREATE TABLE, then the MERGE again.");
        await PrintStatementAsync(output, config, create, cancellationToken);
        output.WriteLine($"# A statement still PENDING/RUNNING after wait_timeout is polled with GET {Statements.ApiPath}/<statement_id>.");
    }

    private static async Task PrintStatementAsync(TextWriter output, DatabricksConfig config, Statement statement, CancellationToken cancellationToken)
    {
        output.WriteLine();
        output.WriteLine(statement.Sql);
        if (statement.Parameters.Count > 0)
        {
            output.WriteLine("# parameters:");
            var width = statement.Parameters.Max(p => p.Name.Length) + 1;
            foreach (var p in statement.Parameters)
                output.WriteLine($"#   :{p.Name.PadRight(width)}{p.Type,-10} {Show(p.Value)}");
        }
        output.WriteLine();
        using var request = Statements.Submit(statement, config);
        output.Write(await HttpDump.RequestAsync(request, cancellationToken));
        output.WriteLine();
    }

    private static string Show(string? value)
    {
        if (value is null)
            return "NULL";
        var flat = value.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        return flat.Length <= MaxShownValueChars ? flat : $"{flat[..MaxShownValueChars]}… ({value.Length} chars)";
    }
}
