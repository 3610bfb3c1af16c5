using System.Text.Json;

namespace Peepshow.Sinks.Cassandra;

/// <summary>
/// Whether text sent in CQL-literal form arrived as given. Real Stargate (v2 and v1) unquotes it, but a
/// "Stargate-compatible" endpoint may not; this is how the sink finds out, at the cost of one GET that is only
/// made when some value was quoted and the 201 was not v2's echo (v2 is known to unquote).
/// </summary>
internal static class QuotedText
{
    public enum Verdict
    {
        /// <summary>Every quoted value was stored as given.</summary>
        Intact,

        /// <summary>The server kept the quotes: send those values plain instead.</summary>
        StoredLiterally,

        /// <summary>Stored as something else again; nothing the sink can fix.</summary>
        Altered,
    }

    /// <summary>Stargate v2 answers 201 with the request echoed; v1 answers with the key columns only.</summary>
    public static bool IsEcho(string answer, RowBody sent)
    {
        var received = Parse(answer);
        var row = Parse(System.Text.Encoding.UTF8.GetString(sent.Json));
        return received is { ValueKind: JsonValueKind.Object } r && row is { ValueKind: JsonValueKind.Object } s
            && s.EnumerateObject().All(p => r.TryGetProperty(p.Name, out _));
    }

    /// <summary>The first row of a GET answer: <c>{"count":1,"data":[{...}]}</c>, or the bare array of <c>raw=true</c>.</summary>
    public static JsonElement? FirstRow(string answer) =>
        Parse(answer) switch
        {
            { ValueKind: JsonValueKind.Object } o when o.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array && data.GetArrayLength() > 0 => data[0],
            { ValueKind: JsonValueKind.Array } a when a.GetArrayLength() > 0 => a[0],
            _ => null,
        };

    public static (Verdict Verdict, IReadOnlyList<string> Columns) Judge(JsonElement stored, RowBody sent)
    {
        var literal = new List<string>();
        var altered = new List<string>();
        foreach (var (column, original) in sent.Quoted)
        {
            var value = stored.ValueKind == JsonValueKind.Object && stored.TryGetProperty(column, out var v) && v.ValueKind == JsonValueKind.String
                ? v.GetString()
                : null;
            if (value == original)
                continue;
            (value == StargateText.Encode(original) ? literal : altered).Add(column);
        }
        return altered.Count > 0 ? (Verdict.Altered, altered)
            : literal.Count > 0 ? (Verdict.StoredLiterally, literal)
            : (Verdict.Intact, []);
    }

    private static JsonElement? Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
