using System.Text.Json;

namespace Peepshow.Sinks.Cassandra;

/// <summary>
/// What Stargate's 201 carries for one write: a member of the JSON answer and the values it may hold. A row's answer
/// has its <c>run_id</c> (v2 echoes the whole row, v1 only the key); a created table's has its <c>name</c>.
/// </summary>
/// <param name="What">What was written and how Stargate shows it, for error lines.</param>
internal sealed record StargateEcho(string What, string Member, IReadOnlyCollection<string> Values)
{
    /// <summary>The key as sent (maybe in quote-safe form) and as given: a server may answer with either.</summary>
    public static StargateEcho Row(string runId) => new("a written row (201 with its run_id)", "run_id", [runId, StargateText.Encode(runId)]);

    public static StargateEcho Table(string table) => new("a created table (201 with its name)", "name", [table]);

    /// <summary>Whether <paramref name="body"/> is a JSON object whose <see cref="Member"/> is one of <see cref="Values"/>.</summary>
    public bool IsIn(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty(Member, out var value)
                && value.ValueKind == JsonValueKind.String
                && value.GetString() is { } text
                && Values.Contains(text);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
