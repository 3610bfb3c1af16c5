using System.Globalization;
using System.Text.Json;

namespace Peepshow.Sinks.Databricks;

/// <summary>Reads the API's JSON with <see cref="JsonDocument"/>: no reflection, and tolerant of fields we do not know.</summary>
internal static class StatementResponses
{
    /// <summary>Parses a 200 response body; null when it is not a StatementResponse at all.</summary>
    public static StatementStatus? Parse(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || String(root, "statement_id") is not { } id
                || !root.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.Object
                || State(String(status, "state")) is not { } state)
                return null;

            string? code = null, message = null;
            if (status.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                code = Scalar(error, "error_code");
                message = String(error, "message");
            }
            return new StatementStatus(id, state, code, message, String(status, "sql_state"), state == StatementState.Succeeded ? InsertedRows(root) : null);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static StatementState? State(string? text) => text switch
    {
        "PENDING" => StatementState.Pending,
        "RUNNING" => StatementState.Running,
        "SUCCEEDED" => StatementState.Succeeded,
        "FAILED" => StatementState.Failed,
        "CANCELED" => StatementState.Canceled,
        "CLOSED" => StatementState.Closed,
        _ => null,
    };

    /// <summary>num_inserted_rows from the DML metrics row, located by column name rather than position.</summary>
    private static long? InsertedRows(JsonElement root)
    {
        if (!root.TryGetProperty("manifest", out var manifest) || !manifest.TryGetProperty("schema", out var schema)
            || !schema.TryGetProperty("columns", out var columns) || columns.ValueKind != JsonValueKind.Array)
            return null;
        var index = -1;
        foreach (var column in columns.EnumerateArray())
        {
            if (String(column, "name") == "num_inserted_rows")
            {
                index = column.TryGetProperty("position", out var p) && p.TryGetInt32(out var position) ? position : index;
                break;
            }
        }
        if (index < 0 || !root.TryGetProperty("result", out var result) || !result.TryGetProperty("data_array", out var rows)
            || rows.ValueKind != JsonValueKind.Array || rows.GetArrayLength() == 0)
            return null;
        var first = rows[0];
        if (first.ValueKind != JsonValueKind.Array || first.GetArrayLength() <= index)
            return null;
        return long.TryParse(Scalar(first[index]), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    internal static string? String(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A string or a number as text: <c>error_code</c> is documented as a string but legacy paths send the HTTP status.</summary>
    internal static string? Scalar(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) ? Scalar(value) : null;

    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    };
}
