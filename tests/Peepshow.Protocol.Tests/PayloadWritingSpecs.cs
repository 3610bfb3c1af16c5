using System.Text.Json;
using System.Text.Json.Nodes;
using Peepshow.Testing;

namespace Peepshow.Protocol.Tests;

public sealed class PayloadWritingSpecs
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_fully_populated_payload_survives_a_round_trip_unchanged(bool indented)
    {
        // Arrange
        var json = ProtocolJson.Serialize(Payloads.FullyPopulated(), indented);
        Assert.Empty(NullsIn(JsonNode.Parse(json), "$")); // otherwise a member would go untested

        // Act
        var again = ProtocolJson.Serialize(Payloads.Parse(json), indented);

        // Assert: records holding lists and dictionaries do not compare by value, their JSON does
        Assert.Equal(json, again);
    }

    [Fact]
    public void The_top_level_fields_are_always_written_in_contract_order()
    {
        // Arrange
        string[] contractOrder = ["schemaVersion", "runId", "createdAt", "input", "outputDir", "strategy", "frames", "video", "extraction", "audio"];

        // Act
        var full = TopLevelKeys(ProtocolJson.Serialize(Payloads.FullyPopulated()));
        var minimal = TopLevelKeys(ProtocolJson.Serialize(Payloads.Minimal()));
        var original = TopLevelKeys(ProtocolJson.Serialize(Payloads.Parse(Payloads.OriginalExampleJson)));

        // Assert
        Assert.Equal(contractOrder, full);
        Assert.Equal(contractOrder, minimal);
        Assert.Equal(contractOrder, original);
    }

    [Fact]
    public void Writing_the_same_payload_twice_gives_the_same_bytes()
    {
        // Arrange
        var payload = Payloads.FullyPopulated();

        // Act
        var first = ProtocolJson.SerializeToUtf8(payload);
        var second = ProtocolJson.SerializeToUtf8(payload);

        // Assert
        Assert.Equal(first, second);
    }

    [Fact]
    public void Compact_and_indented_output_carry_the_same_document()
    {
        // Arrange
        var payload = Payloads.FullyPopulated();

        // Act
        var compact = ProtocolJson.Serialize(payload, indented: false);
        var indented = ProtocolJson.Serialize(payload, indented: true);

        // Assert
        Assert.DoesNotContain('\n', compact);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(compact), JsonNode.Parse(indented)));
    }

    [Fact]
    public void CreatedAt_is_written_as_the_UTC_instant_with_milliseconds()
    {
        // Arrange: 01:59:59.123 at +02:00 is 23:59:59.123 UTC the day before.
        var payload = Payloads.Minimal() with { CreatedAt = new DateTimeOffset(2026, 11, 21, 1, 59, 59, 123, TimeSpan.FromHours(2)) };

        // Act
        var json = ProtocolJson.Serialize(payload, indented: false);

        // Assert
        Assert.Contains("\"createdAt\":\"2026-11-20T23:59:59.123Z\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_ASCII_text_is_written_readable_not_escaped()
    {
        // Arrange: accents, a dash, CJK and an apostrophe, all of which the default JSON encoder escapes
        var full = Payloads.FullyPopulated();
        var payload = (full with { Input = full.Input! with { Filename = "Café — démo.mov" } })
            .WithTags(new Dictionary<string, string> { ["comment"] = "日本語のテスト \"quoted\" <b>" })
            .WithTranscript("Welcome to the café. Let's order.");

        // Act
        var json = ProtocolJson.Serialize(payload);

        // Assert
        Assert.Contains("Café — démo.mov", json, StringComparison.Ordinal);
        Assert.Contains("日本語のテスト", json, StringComparison.Ordinal);
        Assert.Contains("Let's order.", json, StringComparison.Ordinal);
    }

    private static List<string> TopLevelKeys(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateObject().Select(p => p.Name)];
    }

    private static IEnumerable<string> NullsIn(JsonNode? node, string path) => node switch
    {
        null => [path],
        JsonObject o => o.SelectMany(p => NullsIn(p.Value, $"{path}.{p.Key}")),
        JsonArray a => a.SelectMany((item, i) => NullsIn(item, $"{path}[{i}]")),
        _ => [],
    };
}
