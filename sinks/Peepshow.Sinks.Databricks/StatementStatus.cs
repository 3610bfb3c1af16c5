using System.Text.RegularExpressions;

namespace Peepshow.Sinks.Databricks;

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
