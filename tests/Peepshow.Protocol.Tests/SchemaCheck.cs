using System.Text.Json;

namespace Peepshow.Protocol.Tests;

/// <summary>
/// Checks JSON against the parts of docs/payload.schema.json the contract leans on: <c>type</c>,
/// <c>required</c>, and recursion through <c>properties</c>, <c>items</c> and <c>additionalProperties</c>.
/// Deliberately not a general JSON Schema validator (no package for one is available): no
/// <c>$ref</c>, combinators, formats, enums or bounds.
/// </summary>
internal static class SchemaCheck
{
    public static JsonElement PayloadSchema { get; } =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "payload.schema.json"))).RootElement;

    /// <summary>Every place <paramref name="json"/> breaks a <c>type</c> or <c>required</c> rule of the schema.</summary>
    public static IReadOnlyList<string> Violations(string json)
    {
        var errors = new List<string>();
        using var document = JsonDocument.Parse(json);
        Walk(PayloadSchema, document.RootElement, "$", errors);
        return errors;
    }

    /// <summary>Every member of <paramref name="json"/> the schema does not declare at its place.</summary>
    public static IReadOnlyList<string> Undeclared(string json)
    {
        var found = new List<string>();
        using var document = JsonDocument.Parse(json);
        FindUndeclared(PayloadSchema, document.RootElement, "$", found);
        return found;
    }

    /// <summary>The sub-schema at a path like <c>$</c>, <c>$.audio.transcript</c> or <c>$.frames[]</c>.</summary>
    public static JsonElement At(string path) =>
        Steps(path).Aggregate(PayloadSchema, (schema, step) => step == ArrayItem
            ? schema.GetProperty("items")
            : schema.GetProperty("properties").GetProperty(step));

    public const string ArrayItem = "[]";

    /// <summary>The member names of a path like <c>$.frames[].path</c>, with <see cref="ArrayItem"/> for an array's items.</summary>
    public static IEnumerable<string> Steps(string path) =>
        path.Replace(ArrayItem, "." + ArrayItem, StringComparison.Ordinal).Split('.').Skip(1);

    private static void Walk(JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        if (schema.TryGetProperty("type", out var type) && !TypeMatches(type, value))
        {
            errors.Add($"{path}: expected {type.GetRawText()}, got {value.ValueKind}");
            return;
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            if (schema.TryGetProperty("required", out var required))
            {
                foreach (var name in required.EnumerateArray().Select(n => n.GetString()!))
                    if (!value.TryGetProperty(name, out _))
                        errors.Add($"{path}.{name}: required but missing");
            }
            foreach (var member in value.EnumerateObject())
                if (MemberSchema(schema, member.Name) is { } memberSchema)
                    Walk(memberSchema, member.Value, $"{path}.{member.Name}", errors);
        }
        else if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
                Walk(items, item, $"{path}[{i++}]", errors);
        }
    }

    private static void FindUndeclared(JsonElement schema, JsonElement value, string path, List<string> found)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            foreach (var member in value.EnumerateObject())
            {
                if (MemberSchema(schema, member.Name) is { } memberSchema)
                    FindUndeclared(memberSchema, member.Value, $"{path}.{member.Name}", found);
                else
                    found.Add($"{path}.{member.Name}");
            }
        }
        else if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
                FindUndeclared(items, item, $"{path}[{i++}]", found);
        }
    }

    private static JsonElement? MemberSchema(JsonElement schema, string name)
    {
        if (schema.TryGetProperty("properties", out var properties) && properties.TryGetProperty(name, out var declared))
            return declared;
        return schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.Object
            ? additional
            : null;
    }

    private static bool TypeMatches(JsonElement type, JsonElement value) =>
        type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Any(t => IsOfType(t.GetString()!, value))
            : IsOfType(type.GetString()!, value);

    private static bool IsOfType(string type, JsonElement value) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        // JSON Schema counts 3.0 as an integer: what matters is the value, not how it is spelled.
        "integer" => value.ValueKind == JsonValueKind.Number && value.GetDouble() % 1 == 0,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => throw new InvalidOperationException($"the schema uses type '{type}', which this check does not know"),
    };
}
