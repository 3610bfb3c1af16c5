using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Peepshow.Testing.Doubles.Databricks;

namespace Peepshow.Demo;

/// <summary>peepshow-sink-databricks into the Databricks double (SQL Statement Execution API, in-memory Delta tables), twice.</summary>
public sealed class DatabricksDemo : ISinkDemo
{
    // Titles and tags are JSON text inside JSON: keep their quotes readable.
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Name => "databricks";

    public async Task RunAsync(string sinkProgram, byte[] payload, CancellationToken cancellationToken)
    {
        Console.WriteLine("peepshow-sink-databricks -> the Databricks double (SQL Statement Execution API, in-memory Delta tables)");
        await using var databricks = await DatabricksDouble.StartAsync(cancellationToken: cancellationToken);
        var stored = new RecordFeed();
        databricks.Workspace.RowInserted += (table, row) =>
            stored.Add(new JsonObject { ["table"] = table.FullName, ["row"] = row.ToJson(table.Columns) }.ToJsonString(Relaxed));
        var env = new Dictionary<string, string>
        {
            ["DATABRICKS_URL"] = databricks.BaseUrl,
            ["DATABRICKS_TOKEN"] = DatabricksDouble.DemoToken,
            ["DATABRICKS_WAREHOUSE_ID"] = DatabricksDouble.DemoWarehouseId,
        };

        foreach (var attempt in new[] { "first delivery", "replay of the same run" })
        {
            var run = await DemoProcess.RunAsync(sinkProgram, [], env, payload, cancellationToken, clearPrefix: "DATABRICKS_");
            Console.WriteLine($"  {attempt}: {run.StandardOutput.Trim()}");
        }
        // One stored row, even though the run was delivered twice.
        Console.WriteLine($"  stored row: {await stored.NextAsync(cancellationToken)}");
    }
}
