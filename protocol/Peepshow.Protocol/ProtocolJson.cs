using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Peepshow.Protocol.Payload;

namespace Peepshow.Protocol;

/// <summary>Reads and writes payload v1. The single place that decides how the contract looks on the wire.</summary>
public static partial class ProtocolJson
{
    // Relaxed escaping keeps titles, tags and transcripts readable (é, 日本, ') instead of \uXXXX;
    // the output is JSON, never HTML, so the stricter default buys nothing.
    private static readonly JsonSerializerOptions CompactOptions = new(ProtocolJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions IndentedOptions = new(CompactOptions) { WriteIndented = true };

    private static readonly ProtocolJsonContext Compact = new(CompactOptions);
    private static readonly ProtocolJsonContext Indented = new(IndentedOptions);

    /// <summary>The context to use for any contract type (compact, relaxed escaping).</summary>
    public static ProtocolJsonContext Context => Compact;

    public static string Serialize(RunPayload payload, bool indented = true) =>
        JsonSerializer.Serialize(payload, (indented ? Indented : Compact).RunPayload);

    public static byte[] SerializeToUtf8(RunPayload payload, bool indented = true) =>
        JsonSerializer.SerializeToUtf8Bytes(payload, (indented ? Indented : Compact).RunPayload);

    /// <summary>Tags as the compact JSON string the standard row stores.</summary>
    public static string SerializeTags(IReadOnlyDictionary<string, string>? tags) =>
        JsonSerializer.Serialize(tags ?? new Dictionary<string, string>(), Compact.IReadOnlyDictionaryStringString);

    /// <summary>Parses a payload, or explains in one line why the bytes are not one.</summary>
    public static PayloadReadResult Read(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty || IsWhiteSpace(utf8))
            return PayloadReadResult.Fail("stdin is empty; expected a peepshow payload (peepshow <video> --emit json)");

        // Decode strictly first so broken UTF-8 gets its own message instead of a JSON position.
        try
        {
            _ = StrictUtf8.GetCharCount(utf8);
        }
        catch (DecoderFallbackException)
        {
            return PayloadReadResult.Fail("stdin is not valid UTF-8");
        }

        try
        {
            var payload = JsonSerializer.Deserialize(utf8, Compact.RunPayload);
            return payload is null
                ? PayloadReadResult.Fail("stdin is JSON null, not a peepshow payload")
                : Validate(payload);
        }
        catch (JsonException ex)
        {
            return PayloadReadResult.Fail(Describe(ex));
        }
    }

    public static PayloadReadResult Read(string json) => Read(Encoding.UTF8.GetBytes(json));

    private static PayloadReadResult Validate(RunPayload payload)
    {
        if (payload.SchemaVersion > RunPayload.CurrentSchemaVersion)
            return PayloadReadResult.Fail($"payload schemaVersion {payload.SchemaVersion} is newer than this sink understands ({RunPayload.CurrentSchemaVersion})");
        if (string.IsNullOrWhiteSpace(payload.OutputDir))
            return PayloadReadResult.Fail("stdin is not a peepshow payload: outputDir is empty");
        return PayloadReadResult.Ok(payload);
    }

    private static string Describe(JsonException ex)
    {
        var missing = MissingPropertiesPattern().Match(ex.Message);
        if (missing.Success)
            return $"stdin is not a peepshow payload: missing required field(s) {missing.Groups[1].Value.TrimEnd('.')}";

        var where = ex.Path is null or "$" ? "" : $" at {ex.Path}";
        var line = ex.LineNumber is { } l ? $" (line {l + 1})" : "";
        // The first token decides between "not JSON at all" and "JSON of the wrong shape".
        return ex.Message.Contains("could not be converted", StringComparison.Ordinal)
            ? $"stdin is not a peepshow payload: wrong type{where}{line}"
            : ex.Message.Contains("null", StringComparison.OrdinalIgnoreCase) && ex.Path is not null
                ? $"stdin is not a peepshow payload: null not allowed{where}{line}"
                : $"stdin is not valid JSON{where}{line}";
    }

    private static bool IsWhiteSpace(ReadOnlySpan<byte> utf8)
    {
        foreach (var b in utf8)
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                return false;
        return true;
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [GeneratedRegex("missing required properties including: (.+)$")]
    private static partial Regex MissingPropertiesPattern();
}

/// <summary>Either a payload or the one-line reason the input was not one.</summary>
public sealed record PayloadReadResult(RunPayload? Payload, string? Error)
{
    public static PayloadReadResult Ok(RunPayload payload) => new(payload, null);

    public static PayloadReadResult Fail(string error) => new(null, error);

    public bool IsOk => Payload is not null;
}
