using System.Globalization;
using System.Text.Json;
using Peepshow.Core.Extraction;

namespace Peepshow.Cli.Mcp;

/// <summary>
/// A tool call's arguments, read with the checks the CLI's options make, so a wrong type, a missing value or
/// an unknown name comes back as one clear line (a <see cref="ToolArgumentException"/>), never as a crash.
/// </summary>
internal sealed class ToolArguments(string tool, IDictionary<string, JsonElement>? arguments)
{
    private readonly IDictionary<string, JsonElement> _arguments = arguments ?? new Dictionary<string, JsonElement>();

    /// <summary>Refuses names the tool does not take: a misspelt <c>max_frame</c> silently ignored would surprise.</summary>
    public void AllowOnly(params string[] names)
    {
        foreach (var name in _arguments.Keys)
        {
            if (!names.Contains(name, StringComparer.Ordinal))
                throw Error($"unknown argument '{name}'; {tool} takes {string.Join(", ", names)}");
        }
    }

    public string RequiredString(string name, string what)
    {
        if (!TryGet(name, out var value))
            throw Error($"{name} is required: {what}");
        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
            throw Error($"{name} must be a non-empty string: {what} (got {Describe(value)})");
        return value.GetString()!;
    }

    public int Int(string name, int fallback, int min, int max)
    {
        if (!TryGet(name, out var value))
            return fallback;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && number == Math.Floor(number) && number >= min && number <= max)
            return (int)number;
        throw Error($"{name} must be a whole number from {min} to {max} (got {Describe(value)})");
    }

    public bool Bool(string name, bool fallback)
    {
        if (!TryGet(name, out var value))
            return fallback;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error($"{name} must be true or false (got {Describe(value)})"),
        };
    }

    /// <summary>Seconds as a number, or the CLI's <c>--start/--end</c> text (<c>"12.5"</c>, <c>"1:05"</c>).</summary>
    public double? Time(string name)
    {
        if (!TryGet(name, out var value))
            return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds) && seconds >= 0 && double.IsFinite(seconds))
            return seconds;
        if (value.ValueKind == JsonValueKind.String && TimeParsing.TryParseSeconds(value.GetString() ?? "", out seconds))
            return seconds;
        throw Error($"{name} expects seconds (12.5) or a clock time (\"1:05\", \"0:01:05.5\"), not {Describe(value)}");
    }

    /// <summary>1-based indexes; null when absent.</summary>
    public IReadOnlyList<int>? Indexes(string name)
    {
        if (!TryGet(name, out var value))
            return null;
        if (value.ValueKind == JsonValueKind.Array)
        {
            var indexes = new List<int>();
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out var index) || index < 1)
                    throw Error($"{name} must be an array of frame numbers from 1 (got {Describe(item)} in it)");
                indexes.Add(index);
            }
            return indexes;
        }
        throw Error($"{name} must be an array of frame numbers from 1, like [1, 3] (got {Describe(value)})");
    }

    /// <summary>A value of the tool's schema that is either a boolean or one of <paramref name="allowed"/>.</summary>
    public (bool? Flag, string? Choice) BoolOrChoice(string name, IReadOnlyList<string> allowed)
    {
        if (!TryGet(name, out var value))
            return (null, null);
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            return (value.GetBoolean(), null);
        if (value.ValueKind == JsonValueKind.String && allowed.Contains(value.GetString() ?? "", StringComparer.Ordinal))
            return (null, value.GetString());
        throw Error($"{name} must be true, false or one of {string.Join(", ", allowed)} (got {Describe(value)})");
    }

    public ToolArgumentException Error(string message) => new($"{tool}: {message}");

    private bool TryGet(string name, out JsonElement value) =>
        _arguments.TryGetValue(name, out value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Quote(value.GetString() ?? ""),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    private static string Quote(string text) =>
        "\"" + (text.Length > 60 ? text[..57] + "…" : text) + "\"";

    internal static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
