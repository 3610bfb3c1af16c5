using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Peepshow.Protocol.Payload;
using Peepshow.Protocol.Rows;
using Peepshow.Sinks.Common.Delivery;

namespace Peepshow.Sinks.Cassandra;

/// <summary>The HTTP requests the sink sends, built without any I/O so specs can check them byte for byte.</summary>
internal sealed class StargateRequests(CassandraConfig config)
{
    public const string TokenHeader = "X-Cassandra-Token";

    // Relaxed escaping keeps é, 日本 and ' readable in --dry-run; the body is JSON, never HTML.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private string Base => config.BaseUri.GetLeftPart(UriPartial.Path).TrimEnd('/');

    /// <summary><c>/v2/keyspaces/{ks}/{table}</c>: where rows are added.</summary>
    public string TablePath => $"/v2/keyspaces/{Escape(config.Keyspace)}/{Escape(config.Table)}";

    public string SchemaPath => $"/v2/schemas/keyspaces/{Escape(config.Keyspace)}/tables";

    /// <summary>
    /// The row's own REST address (GET returns it), printed on success. The key travels as it was written, so a run id
    /// Stargate would unquote or trim (<see cref="StargateText"/>) still finds its row.
    /// </summary>
    public string RowUrl(string runId) => $"{Base}{TablePath}/{Escape(StargateText.Encode(runId))}";

    public string Url(string path) => Base + path;

    public HttpRequestMessage AddRow(byte[] body) => Post(TablePath, body);

    public HttpRequestMessage CreateTable() => Post(SchemaPath, CassandraSchema.CreateTableRequestJson(config.Table));

    /// <summary>
    /// The standard row as Stargate's flat JSON object: numbers as numbers, <c>created_at</c> as ISO-8601 UTC,
    /// absent values as null (so a replay also clears what the previous write set), text made quote-safe
    /// unless <paramref name="quoteSafe"/> is off (for a server found to store text literally).
    /// </summary>
    public static RowBody RowJson(StandardRow row, bool quoteSafe = true)
    {
        var quoted = new Dictionary<string, string>(StringComparer.Ordinal);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            Text("run_id", row.RunId);
            Text("title", row.Title);
            json.WriteNumber("frames", row.Frames);
            json.WriteNumber("duration", row.Duration);
            Text("transcript", row.Transcript);
            Text("thumbnail_url", row.ThumbnailUrl);
            Text("strategy", row.Strategy);
            Text("tags", row.Tags);
            json.WriteString("created_at", UtcTimestampConverter.ToText(row.CreatedAt));
            json.WriteEndObject();

            void Text(string name, string? value)
            {
                if (value is null)
                {
                    json.WriteNull(name);
                    return;
                }
                var sent = quoteSafe ? StargateText.Encode(value) : value;
                if (sent != value)
                    quoted[name] = value;
                json.WriteString(name, sent);
            }
        }
        return new RowBody(buffer.ToArray(), quoted);
    }

    /// <summary><c>GET</c> of the row just written, addressed by the key as it was sent.</summary>
    public HttpRequestMessage GetRow(string runId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, EndpointGuard.Combine(config.BaseUri, $"{TablePath}/{Escape(StargateText.Encode(runId))}"));
        AddHeaders(request);
        return request;
    }

    private HttpRequestMessage Post(string path, byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, EndpointGuard.Combine(config.BaseUri, path)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        AddHeaders(request);
        return request;
    }

    private void AddHeaders(HttpRequestMessage request)
    {
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (config.Token is { } token)
            request.Headers.TryAddWithoutValidation(TokenHeader, token);
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);
}
