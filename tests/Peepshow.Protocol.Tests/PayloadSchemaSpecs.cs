using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Peepshow.Protocol.Tests;

/// <summary>docs/payload.schema.json is tested against what the reader accepts and the writer emits.</summary>
public sealed partial class PayloadSchemaSpecs
{
    public static TheoryData<string, string> ConformingPayloads => new()
    {
        { "the original peepshow's documented example", Payloads.OriginalExampleJson },
        { "a fully populated payload as written", ProtocolJson.Serialize(Payloads.FullyPopulated()) },
        { "a minimal payload as written", ProtocolJson.Serialize(Payloads.Minimal()) },
        { "the example in docs/PLUGINS.md", PluginsDocExample() },
    };

    [Theory]
    [MemberData(nameof(ConformingPayloads))]
    public void Payloads_satisfy_the_schemas_types_and_required_fields(string source, string json)
    {
        // Act
        var violations = SchemaCheck.Violations(json);

        // Assert
        Assert.True(violations.Count == 0, $"{source}: {string.Join("; ", violations)}");
    }

    [Fact]
    public void Every_field_the_writer_emits_is_declared_in_the_schema()
    {
        // Arrange
        var json = ProtocolJson.Serialize(Payloads.FullyPopulated());

        // Act
        var undeclared = SchemaCheck.Undeclared(json);

        // Assert
        Assert.Empty(undeclared);
    }

    public static TheoryData<string, string> NonConformingPayloads => new()
    {
        { PayloadReadingSpecs.Mutate(Payloads.FullyPopulated(), p => p["frames"] = "frame_0001.jpg"), "$.frames" },
        { PayloadReadingSpecs.Mutate(Payloads.FullyPopulated(), p => p.Remove("strategy")), "$.strategy" },
        { PayloadReadingSpecs.Mutate(Payloads.FullyPopulated(), p => p["frames"]![1]!.AsObject().Remove("path")), "$.frames[1].path" },
        { PayloadReadingSpecs.Mutate(Payloads.FullyPopulated(), p => p["video"]!["width"] = 1920.5), "$.video.width" },
        { PayloadReadingSpecs.Mutate(Payloads.FullyPopulated(), p => p["audio"]!["transcript"]!["text"] = 3), "$.audio.transcript.text" },
        { PayloadReadingSpecs.Mutate(Payloads.FullyPopulated(), p => p["audio"]!["transcript"]!["segments"]![0]!.AsObject().Remove("end")), "$.audio.transcript.segments[0].end" },
    };

    [Theory]
    [MemberData(nameof(NonConformingPayloads))]
    public void The_schema_check_catches_a_wrong_type_or_a_missing_required_field(string json, string path)
    {
        // Act
        var violations = SchemaCheck.Violations(json);

        // Assert
        Assert.Contains(violations, v => v.StartsWith(path + ":", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("$")]
    [InlineData("$.input")]
    [InlineData("$.frames[]")]
    [InlineData("$.video")]
    [InlineData("$.audio")]
    [InlineData("$.audio.transcript")]
    [InlineData("$.audio.transcript.segments[]")]
    public void The_schema_requires_exactly_what_the_reader_requires(string objectPath)
    {
        // Arrange
        var schema = SchemaCheck.At(objectPath);
        var declared = schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();
        var required = schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(n => n.GetString()!).ToHashSet() : [];

        // Act: drop each declared member in turn from a fully populated payload and read it
        var refusedWithout = declared
            .Where(name => !ProtocolJson.Read(Without(objectPath, name)).IsOk)
            .ToHashSet();

        // Assert
        Assert.Equal(required.Order(), refusedWithout.Order());
    }

    [Fact]
    public void The_schemas_id_names_the_release_it_ships_with()
    {
        // Arrange
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "payload.schema.json")))!;

        // Act
        var id = (string?)schema["$id"];

        // Assert: the version in Directory.Build.props, which every sink's --version prints too.
        Assert.Equal($"https://github.com/peepshow-dotnet/peepshow/raw/v{Peepshow.Protocol.Hosting.SinkApp.Version}/docs/payload.schema.json", id);
    }

    private static string Without(string objectPath, string member) =>
        PayloadReadingSpecs.Mutate(Payloads.FullyPopulated(), root =>
        {
            // "$.frames[]" means the first element of frames.
            JsonNode target = root;
            foreach (var step in SchemaCheck.Steps(objectPath))
                target = step == SchemaCheck.ArrayItem ? target[0]! : target[step]!;
            target.AsObject().Remove(member);
        });

    /// <summary>The first <c>```json</c> block of docs/PLUGINS.md: the example payload users copy.</summary>
    internal static string PluginsDocExample()
    {
        var doc = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "PLUGINS.md"));
        var block = JsonBlock().Match(doc);
        Assert.True(block.Success, "docs/PLUGINS.md has no ```json block");
        return block.Groups[1].Value;
    }

    [GeneratedRegex(@"```json\n(.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
