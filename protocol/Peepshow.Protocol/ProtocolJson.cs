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
        // Windows tools (PowerShell's Out-File, Notepad) start UTF-8 text with a BOM; it is not JSON.
        if (utf8.StartsWith(Utf8Bom))
            utf8 = utf8[Utf8Bom.Length..];

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

        // A syntax pass first, so "not JSON" and "JSON of the wrong shape" are never confused.
        if (CheckSyntax(utf8, out var root) is { } syntaxError)
            return PayloadReadResult.Fail(syntaxError);
        if (root != JsonTokenType.StartObject)
            return PayloadReadResult.Fail($"{NotAPayload}: expected a JSON object with {RequiredFields}, got {Describe(root)}");

        try
        {
            return Validate(JsonSerializer.Deserialize(utf8, Compact.RunPayload)!);
        }
        catch (JsonException ex)
        {
            return PayloadReadResult.Fail($"{NotAPayload}: {Describe(ex)}{Where(ex)}");
        }
    }

    public static PayloadReadResult Read(string json) => Read(Encoding.UTF8.GetBytes(json));

    private const string NotAPayload = "stdin is not a peepshow payload";

    private const string RequiredFields = "outputDir, strategy and frames";

    private static PayloadReadResult Validate(RunPayload payload)
    {
        if (payload.SchemaVersion > RunPayload.CurrentSchemaVersion)
            return PayloadReadResult.Fail($"payload schemaVersion {payload.SchemaVersion} is newer than this sink understands ({RunPayload.CurrentSchemaVersion})");
        if (payload.SchemaVersion < 1)
            return PayloadReadResult.Fail($"{NotAPayload}: schemaVersion {payload.SchemaVersion} is not a version");
        if (string.IsNullOrWhiteSpace(payload.OutputDir))
            return PayloadReadResult.Fail($"{NotAPayload}: outputDir is empty");
        // Nullable annotations guard properties, not collection elements, so a null there would
        // otherwise reach a sink as a NullReferenceException.
        if (FirstNullPath(payload) is { } path)
            return PayloadReadResult.Fail($"{NotAPayload}: null not allowed at {path}");
        return PayloadReadResult.Ok(payload);
    }

    private static string? FirstNullPath(RunPayload payload)
    {
        for (var i = 0; i < payload.Frames.Count; i++)
            if (payload.Frames[i] is null)
                return $"$.frames[{i}]";
        if (payload.Video?.Tags is { } tags)
        {
            foreach (var (key, value) in tags)
                if (value is null)
                    return $"$.video.tags.{key}";
        }
        var segments = payload.Audio?.Transcript?.Segments ?? [];
        for (var i = 0; i < segments.Count; i++)
            if (segments[i] is null)
                return $"$.audio.transcript.segments[{i}]";
        return null;
    }

    private static string? CheckSyntax(ReadOnlySpan<byte> utf8, out JsonTokenType root)
    {
        var reader = new Utf8JsonReader(utf8);
        root = JsonTokenType.None;
        try
        {
            while (reader.Read())
            {
                if (root == JsonTokenType.None)
                    root = reader.TokenType;
            }
            return null;
        }
        catch (JsonException ex)
        {
            return $"stdin is not valid JSON{Where(ex)}";
        }
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        _ => "null",
    };

    private static string Describe(JsonException ex)
    {
        var missing = MissingPropertiesPattern().Match(ex.Message);
        if (missing.Success)
            return $"missing required field(s) {missing.Groups[1].Value.TrimEnd('.')}";
        if (ex.Message.Contains("could not be converted", StringComparison.Ordinal))
            return "wrong type";
        if (ex.Message.Contains("null", StringComparison.OrdinalIgnoreCase))
            return "null not allowed";
        // A converter's own reason, e.g. "'yesterday' is not an ISO-8601 timestamp".
        var message = ex.Message;
        var pathInfo = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return (pathInfo < 0 ? message : message[..pathInfo]).TrimEnd('.');
    }

    private static string Where(JsonException ex)
    {
        var where = ex.Path is null or "$" ? "" : $" at {ex.Path}";
        var line = ex.LineNumber is { } l ? $" (line {l + 1})" : "";
        return where + line;
    }

    private static bool IsWhiteSpace(ReadOnlySpan<byte> utf8)
    {
        foreach (var b in utf8)
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                return false;
        return true;
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [GeneratedRegex("missing required properties including: (.+)$")]
    private static partial Regex MissingPropertiesPattern();
}
