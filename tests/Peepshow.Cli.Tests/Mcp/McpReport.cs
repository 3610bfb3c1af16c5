using System.Text.Json;

namespace Peepshow.Cli.Tests.Mcp;

/// <summary>What the client saw: <c>Steps[i]</c> is the answer to the plan's step i; <c>Stderr</c> holds the server's log.</summary>
internal sealed record McpReport(JsonElement Root, string Stderr)
{
    public JsonElement Step(int index) => Root.GetProperty("steps")[index];

    public static IEnumerable<JsonElement> Blocks(JsonElement step, string type) =>
        step.GetProperty("content").EnumerateArray().Where(b => b.GetProperty("type").GetString() == type);

    public static IReadOnlyList<string> Texts(JsonElement step) =>
        [.. Blocks(step, "text").Select(b => b.GetProperty("text").GetString()!)];

    public override string ToString() => $"{Root}\n--- stderr\n{Stderr}";
}
