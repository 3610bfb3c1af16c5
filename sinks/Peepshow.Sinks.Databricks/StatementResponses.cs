using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

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

/// <summary>What a StatementResponse (docs/sinks/databricks.md) says about one statement.</summary>
/// <param name="InsertedRows">MERGE's <c>num_inserted_rows</c> when the result carries it.</param>
internal sealed partial record StatementStatus(
    string StatementId,
    StatementState State,
    string? ErrorCode = null,
    string? Message = null,
    string? SqlState = null,
    long? InsertedRows = null)
{
    public bool IsTerminal => State is not (StatementState.Pending or StatementState.Running);

    public string StateName => State.ToString().ToUpperInvariant();

    /// <summary>The error condition Databricks puts in brackets at the start of the message, e.g. <c>DELTA_CONCURRENT_APPEND.ROW_LEVEL_CHANGES</c>.</summary>
    public string? ErrorClass => Message is not null && ErrorClassPattern().Match(Message) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>The MERGE target does not exist yet: the one case where the sink creates the table.</summary>
    public bool IsTableMissing =>
        State == StatementState.Failed && (SqlState == "42P01" || ErrorClass is { } c && c.StartsWith("TABLE_OR_VIEW_NOT_FOUND", StringComparison.Ordinal));

    /// <summary>A Delta optimistic-concurrency conflict: nothing was committed and the idempotent MERGE may simply run again.</summary>
    public bool IsWriteConflict =>
        State == StatementState.Failed
        && (SqlState == "2D521"
            || ErrorClass is { } c && (c.StartsWith("DELTA_CONCURRENT_", StringComparison.Ordinal) || c is "DELTA_METADATA_CHANGED" or "DELTA_PROTOCOL_CHANGED")
            || Message?.Contains("ConcurrentAppendException", StringComparison.Ordinal) == true);

    /// <summary>The official SDKs' wording: <c>FAILED: BAD_REQUEST [TABLE_OR_VIEW_NOT_FOUND] …</c>.</summary>
    public string Describe() => ErrorCode is null && Message is null
        ? StateName
        : $"{StateName}: {ErrorCode ?? "(no error_code)"} {OneLine(Message ?? "")}".TrimEnd();

    internal static string OneLine(string text, int max = 400)
    {
        var flat = string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return flat.Length <= max ? flat : flat[..max] + "…";
    }

    [GeneratedRegex(@"^\s*\[([A-Z0-9_.]+)\]")]
    private static partial Regex ErrorClassPattern();
}

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

/// <summary>
/// A request the API rejected (non-200). Body shapes seen in the wild (docs/sinks/databricks.md): the JSON error object
/// with a string or numeric <c>error_code</c>, an empty body, <c>ERROR_CODE: message</c> text, or gateway HTML.
/// </summary>
internal sealed partial record ApiError(int Status, string? ErrorCode, string Message)
{
    public static ApiError Parse(int status, string? reasonPhrase, string body)
    {
        var text = body.Trim();
        if (text.StartsWith('{'))
        {
            try
            {
                using var doc = JsonDocument.Parse(text);
                var code = StatementResponses.Scalar(doc.RootElement, "error_code");
                var message = StatementResponses.String(doc.RootElement, "message");
                if (code is not null || message is not null)
                    return new ApiError(status, code, message ?? reasonPhrase ?? "");
            }
            catch (JsonException)
            {
                // Not JSON after all; fall through to the text forms.
            }
        }
        if (text.Length == 0)
            return new ApiError(status, null, reasonPhrase ?? "");
        if (PrePattern().Match(text) is { Success: true } pre)
            return new ApiError(status, null, System.Net.WebUtility.HtmlDecode(pre.Groups[1].Value).Trim());
        if (CodeColonPattern().Match(text) is { Success: true } plain)
            return new ApiError(status, plain.Groups[1].Value, plain.Groups[2].Value.Trim());
        return new ApiError(status, null, text);
    }

    /// <summary><c>HTTP 403: Invalid access token.</c> or <c>HTTP 400 INVALID_PARAMETER_VALUE: …</c>; a numeric code equal to the status is not repeated.</summary>
    public override string ToString()
    {
        var code = ErrorCode is null || ErrorCode == Status.ToString(CultureInfo.InvariantCulture) ? "" : " " + ErrorCode;
        var message = StatementStatus.OneLine(Message);
        return message.Length == 0 ? $"HTTP {Status}{code}" : $"HTTP {Status}{code}: {message}";
    }

    [GeneratedRegex(@"<pre>(.*?)</pre>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex PrePattern();

    [GeneratedRegex(@"^([A-Z][A-Z_]+): (.+)$", RegexOptions.Singleline)]
    private static partial Regex CodeColonPattern();
}
