using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Peepshow.Testing.Doubles.Databricks;

/// <summary>
/// <c>dotnet run --project tests/Peepshow.Testing -- databricks [--port N]</c>: the double for <c>./build.sh demo</c>.
/// Accepts the token in DATABRICKS_DOUBLE_TOKEN (default <see cref="DatabricksDouble.DemoToken"/>) and the warehouse
/// id in DATABRICKS_DOUBLE_WAREHOUSE_ID (default <see cref="DatabricksDouble.DemoWarehouseId"/>). Prints
/// <c>listening on URL</c>, then one JSON line per stored row: <c>{"table":"main.default.peepshow_runs","row":{…}}</c>.
/// </summary>
public static class DatabricksStandalone
{
    // Titles and tags are JSON text inside JSON: keep their quotes readable in the demo output.
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task RunAsync(int port, CancellationToken cancellationToken)
    {
        var token = Environment.GetEnvironmentVariable(DatabricksDouble.TokenEnv) is { Length: > 0 } t ? t : DatabricksDouble.DemoToken;
        var warehouse = Environment.GetEnvironmentVariable(DatabricksDouble.WarehouseIdEnv) is { Length: > 0 } w ? w : DatabricksDouble.DemoWarehouseId;
        await using var fake = await DatabricksDouble.StartAsync(token, warehouse, port, cancellationToken);
        fake.Workspace.RowInserted += (table, row) =>
        {
            var line = new JsonObject { ["table"] = table.FullName, ["row"] = row.ToJson(table.Columns) };
            Console.Out.WriteLine(line.ToJsonString(Relaxed));
            Console.Out.Flush();
        };
        Console.Out.WriteLine($"listening on {fake.BaseUrl}");
        Console.Out.Flush();
        await Console.Error.WriteLineAsync($"databricks double: warehouse id {warehouse}; token from {DatabricksDouble.TokenEnv} or the demo default");
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
