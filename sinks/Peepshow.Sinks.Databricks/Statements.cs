using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Peepshow.Protocol.Payload;
using Peepshow.Protocol.Rows;

namespace Peepshow.Sinks.Databricks;

/// <summary>
/// Builds the two statements the sink ever sends, and the HTTP requests that carry them. Pure: no I/O.
/// Payload data only ever travels as parameters; the SQL text holds nothing but validated identifiers.
/// </summary>
internal static class Statements
{
    public const string ApiPath = "/api/2.0/sql/statements";

    /// <summary>The table's columns and their Databricks types (docs/sinks/databricks.md), in <see cref="StandardRow.Columns"/> order.</summary>
    public static IReadOnlyList<(string Name, string Type)> Schema { get; } =
    [
        ("run_id", "STRING"),
        ("title", "STRING"),
        ("frames", "BIGINT"),
        ("duration", "DOUBLE"),
        ("transcript", "STRING"),
        ("thumbnail_url", "STRING"),
        ("strategy", "STRING"),
        ("tags", "STRING"),
        ("created_at", "TIMESTAMP"),
    ];

    /// <summary>
    /// Literal DDL: parameter markers are not allowed in DDL on current warehouses. Only sent when the MERGE
    /// failed because the table is missing, so steady state costs one statement per run.
    /// </summary>
    public static Statement CreateTable(TableName table)
    {
        var columns = string.Join(",\n", Schema.Select(c => $"  {c.Name} {c.Type}{(c.Name == "run_id" ? " NOT NULL" : "")}"));
        var sql = $"""
            CREATE TABLE IF NOT EXISTS {table.Quoted} (
            {columns}
            ) USING DELTA
            """;
        return new Statement("CREATE TABLE", sql, []);
    }

    /// <summary>
    /// Idempotent on run_id: a retried, replayed or duplicated run inserts nothing the second time.
    /// <c>INSERT *</c> matches source to target columns by name; a table someone gave extra columns gets NULL there.
    /// </summary>
    public static Statement Merge(TableName table, StandardRow row)
    {
        var sql = $"""
            MERGE INTO {table.Quoted} AS t
            USING (SELECT {string.Join(", ", Schema.Select(c => $":{c.Name} AS {c.Name}"))}) AS s
            ON t.run_id = s.run_id
            WHEN NOT MATCHED THEN INSERT *
            """;
        return new Statement("MERGE", sql, Parameters(row));
    }

    public static IReadOnlyList<StatementParameter> Parameters(StandardRow row)
    {
        string?[] values =
        [
            row.RunId,
            row.Title,
            row.Frames.ToString(CultureInfo.InvariantCulture),
            // "R" round-trips every double; Databricks casts the text back with DOUBLE cast semantics.
            row.Duration.ToString("R", CultureInfo.InvariantCulture),
            row.Transcript,
            row.ThumbnailUrl,
            row.Strategy,
            row.Tags,
            UtcTimestampConverter.ToText(row.CreatedAt),
        ];
        return Schema.Select((c, i) => new StatementParameter(c.Name, c.Type, values[i])).ToArray();
    }

    /// <summary>The ExecuteStatementRequest body (docs/sinks/databricks.md).</summary>
    public static byte[] Body(Statement statement, DatabricksConfig config)
    {
        using var buffer = new MemoryStream();
        // Relaxed escaping keeps backticks, quotes and non-ASCII titles readable in --dry-run; it is still valid JSON.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("warehouse_id", config.WarehouseId);
            json.WriteString("catalog", config.Table.Catalog);
            json.WriteString("schema", config.Table.Schema);
            json.WriteString("statement", statement.Sql);
            if (statement.Parameters.Count > 0)
            {
                json.WriteStartArray("parameters");
                foreach (var p in statement.Parameters)
                {
                    json.WriteStartObject();
                    json.WriteString("name", p.Name);
                    json.WriteString("type", p.Type);
                    if (p.Value is not null)
                        json.WriteString("value", p.Value);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            json.WriteString("wait_timeout", $"{config.WaitTimeoutSeconds}s");
            // CONTINUE: a statement outliving the wait keeps running and is polled, never silently dropped.
            json.WriteString("on_wait_timeout", "CONTINUE");
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public static HttpRequestMessage Submit(Statement statement, DatabricksConfig config) =>
        Request(HttpMethod.Post, config, ApiPath, Body(statement, config));

    public static HttpRequestMessage Get(string statementId, DatabricksConfig config) =>
        Request(HttpMethod.Get, config, $"{ApiPath}/{Uri.EscapeDataString(statementId)}", null);

    public static HttpRequestMessage Cancel(string statementId, DatabricksConfig config) =>
        Request(HttpMethod.Post, config, $"{ApiPath}/{Uri.EscapeDataString(statementId)}/cancel", "{}"u8.ToArray());

    private static HttpRequestMessage Request(HttpMethod method, DatabricksConfig config, string path, byte[]? body)
    {
        var request = new HttpRequestMessage(method, new Uri(config.WorkspaceUrl, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", config.Token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = Encoding.UTF8.WebName };
        }
        return request;
    }
}
