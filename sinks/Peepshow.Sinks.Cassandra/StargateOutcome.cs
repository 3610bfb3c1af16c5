using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Peepshow.Sinks.Common.Delivery;

namespace Peepshow.Sinks.Cassandra;

/// <summary>
/// What a Stargate answer means for the sink. Success is Stargate's own answer and nothing less: 201 with a body
/// that carries what was written (v2 echoes the row, v1 returns the key, the schema API the table's name), so a
/// proxy, a captive portal or a generic server answering <c>200 {}</c> is never taken for a stored row. Error bodies
/// are read for their <c>description</c> to tell the user why.
/// </summary>
internal abstract partial record StargateOutcome
{
    /// <summary>The row (or table) was written; <paramref name="Body"/> is the answer (v2 echoes the row, v1 sends the key).</summary>
    public sealed record Written(string Body) : StargateOutcome;

    /// <summary>v2: 400 <c>Table 't' not found (in keyspace 'ks')</c>; v1: 404 <c>table 't' not found</c>.</summary>
    public sealed record TableMissing(string Detail) : StargateOutcome;

    /// <summary>v2: 400 <c>Keyspace 'ks' not found</c>; v1: 404 <c>keyspace 'ks' not found</c>.</summary>
    public sealed record KeyspaceMissing(string Detail) : StargateOutcome;

    /// <summary>401: the token is missing, expired or wrong.</summary>
    public sealed record Unauthorized(string Detail) : StargateOutcome;

    /// <summary>A schema object that already exists (409 from the schema API).</summary>
    public sealed record AlreadyExists(string Detail) : StargateOutcome;

    /// <summary>A 2xx that is not Stargate's answer to the write: something else stands at the URL, and nothing is known to be stored.</summary>
    /// <param name="Expected">What Stargate would have answered, e.g. "a written row (201 with its run_id)".</param>
    public sealed record NotStargate(string Detail, string Expected) : StargateOutcome;

    /// <summary>Any other answer, retried as far as the policy allows before it got here.</summary>
    public sealed record Failed(HttpStatusCode Status, string Detail) : StargateOutcome
    {
        /// <summary>How many attempts this request took (retries included), for the error line.</summary>
        public int Attempts { get; init; } = 1;
    }

    /// <param name="echo">What Stargate's 201 carries for this request.</param>
    public static async Task<StargateOutcome> InterpretAsync(HttpResponseMessage response, StargateEcho echo, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode == HttpStatusCode.Created && echo.IsIn(body))
            return new Written(body);
        if (response.IsSuccessStatusCode)
            return new NotStargate(await HttpDump.ResponseLineAsync(response, cancellationToken: cancellationToken), echo.What);

        var status = response.StatusCode;
        var description = Description(body);
        var detail = description is null
            ? await HttpDump.ResponseLineAsync(response, cancellationToken: cancellationToken)
            : $"HTTP {(int)status}: {Flatten(description)}";
        // A proxy or a Stargate-alike may word or wrap its error differently; the text still names what is missing.
        var text = description ?? body;

        return status switch
        {
            HttpStatusCode.Unauthorized => new Unauthorized(detail),
            HttpStatusCode.Conflict => new AlreadyExists(detail),
            // v2 says 400, v1 says 404; the description tells which object is missing. Table first:
            // v2's table message also names the keyspace ("… not found (in keyspace 'ks')").
            HttpStatusCode.BadRequest or HttpStatusCode.NotFound when TableNotFound().IsMatch(text) =>
                new TableMissing(detail),
            HttpStatusCode.BadRequest or HttpStatusCode.NotFound when KeyspaceNotFound().IsMatch(text) =>
                new KeyspaceMissing(detail),
            _ => new Failed(status, detail),
        };
    }

    /// <summary>The <c>description</c> of a Stargate error body (<c>{"description": "...", "code": 400}</c>), if it is one.</summary>
    private static string? Description(string body)
    {
        if (string.IsNullOrWhiteSpace(body) || body.TrimStart()[0] != '{')
            return null;
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                   && json.RootElement.TryGetProperty("description", out var d)
                   && d.ValueKind == JsonValueKind.String
                ? d.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Flatten(string text)
    {
        var line = string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return line.Length > 400 ? line[..400] + "…" : line;
    }

    [GeneratedRegex("table '[^']*' (was )?not found", RegexOptions.IgnoreCase)]
    private static partial Regex TableNotFound();

    // v2 "Keyspace 'ks' not found", v1 "keyspace 'ks' not found", Cassandra "Keyspace ks does not exist" / "doesn't exist".
    [GeneratedRegex(@"keyspace '?[A-Za-z0-9_""]+'? (not found|does not exist|doesn't exist)", RegexOptions.IgnoreCase)]
    private static partial Regex KeyspaceNotFound();
}
