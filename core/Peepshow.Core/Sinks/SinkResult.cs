using System.Text.Json.Serialization;

namespace Peepshow.Core.Sinks;

/// <summary>One sink's part in a run, as recorded in manifest.json <c>sinks[]</c>.</summary>
public sealed record SinkResult
{
    public const string StatusOk = "ok";
    public const string StatusFailed = "failed";
    public const string StatusSkipped = "skipped";

    public const string SourceCli = "cli";
    public const string SourceAuto = "auto";

    /// <summary>Display name: <c>databricks</c>, <c>cmd:curl</c>.</summary>
    public required string Name { get; init; }

    public required SinkKind Kind { get; init; }

    /// <summary><c>cli</c> (--sink / --sink-cmd) or <c>auto</c> (sinks.json).</summary>
    public required string Source { get; init; }

    /// <summary><c>ok</c>, <c>failed</c> or <c>skipped</c>.</summary>
    public required string Status { get; init; }

    public bool Ok => Status == StatusOk;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ExitCode { get; init; }

    public bool TimedOut { get; init; }

    public long DurationMs { get; init; }

    /// <summary>The sink's success line: the record it wrote.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Record { get; init; }

    /// <summary>A link to the record the sink wrote, taken from its success line (the first http(s) URL in it).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Url { get; init; }

    /// <summary>The tail of the sink's stderr, kept when it failed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Stderr { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SkipReason { get; init; }

    /// <summary>The outbox entry holding the payload for <c>peepshow sinks retry</c>, when it failed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OutboxId { get; init; }

    public required SinkSpec Sink { get; init; }

    /// <summary>
    /// The first <c>http://</c> or <c>https://</c> URL in a success line, or null. The URL runs to the next
    /// whitespace; sentence punctuation right after it (<c>.</c>, <c>,</c>, <c>;</c>, a closing bracket or
    /// quote with no opening one inside the URL) is not part of it.
    /// </summary>
    public static string? FindLink(string? record)
    {
        if (string.IsNullOrEmpty(record))
            return null;
        for (var start = 0; start < record.Length; start++)
        {
            start = IndexOfScheme(record, start);
            if (start < 0)
                return null;
            var end = start;
            while (end < record.Length && !char.IsWhiteSpace(record[end]))
                end++;
            var candidate = record[start..end].TrimEnd('.', ',', ';', ':', '!', '?', '\'', '"', '>');
            if (candidate.EndsWith(')') && !candidate.Contains('('))
                candidate = candidate[..^1];
            if (Uri.TryCreate(candidate, UriKind.Absolute, out var uri) && uri.Host.Length > 0)
                return candidate;
        }
        return null;
    }

    private static int IndexOfScheme(string text, int from)
    {
        var http = text.IndexOf("http://", from, StringComparison.OrdinalIgnoreCase);
        var https = text.IndexOf("https://", from, StringComparison.OrdinalIgnoreCase);
        return http < 0 ? https : https < 0 ? http : Math.Min(http, https);
    }
}
