using System.Text.Json;
using System.Text.Json.Nodes;

namespace Peepshow.Testing.Doubles.Analytics;

/// <summary>The lenient JSON reading the analytics doubles share: services answer bad JSON, they do not throw.</summary>
internal static class DoubleJson
{
    /// <summary>Readable output for standalone mode: quotes and non-ASCII as themselves, not \uXXXX.</summary>
    public static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The value when it is a JSON string, else null.</summary>
    public static string? String(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>A string, or a number as its JSON text (ids some services accept in either form), else null.</summary>
    public static string? Scalar(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value.ToJsonString() : String(node);
}
