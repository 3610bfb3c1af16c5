using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Peepshow.Sinks.EventTrack.Providers;

/// <summary>
/// JSON for the three wire formats, written with <see cref="Utf8JsonWriter"/> (no reflection, AOT-clean) and read
/// with <see cref="JsonDocument"/>. Relaxed escaping keeps non-ASCII titles as UTF-8, which also keeps events
/// smaller against Segment's 32 KB limit; nothing here is ever embedded in HTML.
/// </summary>
internal static class EventJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            write(writer);
        return buffer.WrittenSpan.ToArray();
    }

    public static void WriteProperties(Utf8JsonWriter writer, IEnumerable<EventProperty> properties)
    {
        foreach (var property in properties)
        {
            if (property.Text is { } text)
                writer.WriteString(property.Name, text);
            else
                writer.WriteNumber(property.Name, property.Number!.Value);
        }
    }

    /// <summary>The root object of <paramref name="body"/>, or null when it is not a JSON object.</summary>
    public static JsonDocument? TryParseObject(string body)
    {
        try
        {
            var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
                return document;
            document.Dispose();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string? String(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static int? Int(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;

    /// <summary>A member's raw JSON (arrays and objects as compact text), or null when absent or null.</summary>
    public static string? Raw(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            ? value.GetRawText()
            : null;
}
