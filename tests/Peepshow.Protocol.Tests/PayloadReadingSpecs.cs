using System.Text;
using System.Text.Json.Nodes;
using Peepshow.Protocol.Payload;

namespace Peepshow.Protocol.Tests;

public sealed class PayloadReadingSpecs
{
    [Fact]
    public void The_original_peepshows_documented_example_payload_parses()
    {
        // Arrange
        var json = Payloads.OriginalExampleJson;

        // Act
        var read = ProtocolJson.Read(json);

        // Assert
        Assert.True(read.IsOk, read.Error);
        var payload = read.Payload!;
        Assert.Equal("/tmp/peepshow-abc123", payload.OutputDir);
        Assert.Equal("scene", payload.Strategy);
        var frame = Assert.Single(payload.Frames);
        Assert.Equal("/tmp/peepshow-abc123/frame_0001.jpg", frame.Path);
        Assert.Equal(42321, frame.Bytes);
        Assert.Equal(12.5, payload.Video!.DurationSeconds);
        Assert.Equal(1920, payload.Video.Width);
        Assert.Equal(375, payload.Video.EstimatedTotalFrames);
        Assert.Equal(new Dictionary<string, string> { ["title"] = "The Heist", ["director"] = "Kubrick" }, payload.Video.Tags);
        Assert.Null(payload.Extraction!.Fps);
        Assert.Equal(187.24, payload.Extraction.ElapsedMs);
        Assert.Equal("high", payload.Extraction.MotionSignalLevel);
        Assert.Equal(-1.2, payload.Audio!.PeakDbfs);
        Assert.Equal("whisper-cpp", payload.Audio.Transcript!.Provider);
        Assert.Equal(new TranscriptSegment(0, 2.58, "..."), Assert.Single(payload.Audio.Transcript.Segments));
        // Fields the original never had are simply absent.
        Assert.Null(payload.RunId);
        Assert.Null(payload.CreatedAt);
        Assert.Null(payload.Input);
    }

    [Fact]
    public void A_payload_without_schemaVersion_is_read_as_version_1()
    {
        // Arrange
        var json = Payloads.OriginalExampleJson;

        // Act
        var payload = Payloads.Parse(json);

        // Assert
        Assert.Equal(1, payload.SchemaVersion);
        Assert.Contains("\"schemaVersion\": 1,", ProtocolJson.Serialize(payload), StringComparison.Ordinal);
    }

    [Fact]
    public void A_payload_with_unknown_fields_and_without_optional_ones_parses()
    {
        // Arrange: unknown members at every level; no runId, createdAt, input, extraction,
        // video.durationSeconds or transcript.segments; audio.path null as for a silent clip.
        const string json = """
            {
              "outputDir": "/tmp/peepshow-xyz",
              "strategy": "fps",
              "annotate": { "command": "peepshow report annotate /tmp/peepshow-xyz" },
              "frames": [ { "path": "/tmp/peepshow-xyz/frame_0001.png", "score": 0.93, "labels": ["slide"] } ],
              "video": { "width": 640, "height": 360, "rotation": 90, "tags": {} },
              "audio": { "path": null, "loudnessLufs": -23,
                         "transcript": { "text": "hello", "words": [ { "w": "hello", "t": 0.1 } ] } },
              "futureTopLevel": [1, 2, { "x": null }]
            }
            """;

        // Act
        var read = ProtocolJson.Read(json);

        // Assert
        Assert.True(read.IsOk, read.Error);
        var payload = read.Payload!;
        Assert.Equal("fps", payload.Strategy);
        Assert.Equal("/tmp/peepshow-xyz/frame_0001.png", Assert.Single(payload.Frames).Path);
        Assert.Null(payload.Video!.DurationSeconds);
        Assert.Equal(640, payload.Video.Width);
        Assert.Empty(payload.Video.Tags!);
        Assert.Null(payload.Extraction);
        Assert.Null(payload.Audio!.Path);
        Assert.Equal("hello", payload.Audio.Transcript!.Text);
        Assert.Empty(payload.Audio.Transcript.Segments);
    }

    [Fact]
    public void A_payload_from_a_newer_schema_version_is_refused()
    {
        // Arrange
        var json = Mutate(Payloads.Minimal(), p => p["schemaVersion"] = RunPayload.CurrentSchemaVersion + 1);

        // Act
        var read = ProtocolJson.Read(json);

        // Assert
        Assert.False(read.IsOk);
        Assert.Contains($"schemaVersion {RunPayload.CurrentSchemaVersion + 1} is newer", read.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_UTF8_byte_order_mark_before_the_payload_is_ignored()
    {
        // Arrange
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. ProtocolJson.SerializeToUtf8(Payloads.Minimal())];

        // Act
        var read = ProtocolJson.Read(bytes);

        // Assert
        Assert.True(read.IsOk, read.Error);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"a payload\"")]
    [InlineData("42")]
    [InlineData("true")]
    [InlineData("null")]
    public void JSON_that_is_not_an_object_is_refused_naming_the_required_fields(string json)
    {
        // Act
        var read = ProtocolJson.Read(json);

        // Assert
        Assert.False(read.IsOk);
        Assert.StartsWith("stdin is not a peepshow payload", read.Error, StringComparison.Ordinal);
        AssertNames(read.Error!, "outputDir", "strategy", "frames");
    }

    [Fact]
    public void An_object_without_the_required_fields_is_refused_naming_the_missing_ones()
    {
        // Arrange
        const string nothing = """{"a":1}""";
        const string framesMissing = """{"outputDir":"/tmp/peepshow-x","strategy":"scene"}""";

        // Act
        var readNothing = ProtocolJson.Read(nothing);
        var readFramesMissing = ProtocolJson.Read(framesMissing);

        // Assert
        AssertNames(readNothing.Error!, "outputDir", "strategy", "frames");
        AssertNames(readFramesMissing.Error!, "frames");
        Assert.DoesNotContain("outputDir", readFramesMissing.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("nul")]
    [InlineData("""{"outputDir":"/tmp/x","strategy":"scene","frames":[],}""")]
    [InlineData("""{"outputDir":"/tmp/x","strategy":"scene","frames":[]} {"second":"document"}""")]
    public void Broken_JSON_is_reported_as_not_JSON(string json)
    {
        // Act
        var read = ProtocolJson.Read(json);

        // Assert
        Assert.False(read.IsOk);
        Assert.StartsWith("stdin is not valid JSON", read.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_UTF8_is_reported_as_such()
    {
        // Arrange: a lone continuation byte inside an otherwise fine payload.
        var bytes = Encoding.UTF8.GetBytes("""{"outputDir":"/tmp/x","strategy":"scene","frames":[]}""");
        bytes[15] = 0x80;

        // Act
        var read = ProtocolJson.Read(bytes);

        // Assert
        Assert.Equal("stdin is not valid UTF-8", read.Error);
    }

    public static TheoryData<string, string> WrongTypes => new()
    {
        { Mutate(Payloads.FullyPopulated(), p => p["frames"] = "frame_0001.jpg"), "$.frames" },
        { Mutate(Payloads.FullyPopulated(), p => p["frames"]![0]!["bytes"] = "42321"), "$.frames[0].bytes" },
        { Mutate(Payloads.FullyPopulated(), p => p["video"]!["width"] = 1.5), "$.video.width" },
        { Mutate(Payloads.FullyPopulated(), p => p["video"]!["tags"]!["title"] = 7), "$.video.tags.title" },
        { Mutate(Payloads.FullyPopulated(), p => p["audio"] = "audio.m4a"), "$.audio" },
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public void A_wrong_type_is_refused_with_its_path(string json, string path)
    {
        // Act
        var read = ProtocolJson.Read(json);

        // Assert
        Assert.False(read.IsOk);
        Assert.StartsWith($"stdin is not a peepshow payload: wrong type at {path} ", read.Error, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> Nulls => new()
    {
        { Mutate(Payloads.FullyPopulated(), p => p["outputDir"] = null), "$.outputDir" },
        { Mutate(Payloads.FullyPopulated(), p => p["frames"] = null), "$.frames" },
        { Mutate(Payloads.FullyPopulated(), p => p["frames"]!.AsArray().Add(null)), "$.frames[3]" },
        { Mutate(Payloads.FullyPopulated(), p => p["video"]!["tags"]!["title"] = null), "$.video.tags.title" },
        { Mutate(Payloads.FullyPopulated(), p => p["audio"]!["transcript"]!["segments"]!.AsArray().Insert(0, null)), "$.audio.transcript.segments[0]" },
    };

    [Theory]
    [MemberData(nameof(Nulls))]
    public void A_null_where_the_contract_needs_a_value_is_refused_with_its_path(string json, string path)
    {
        // Act
        var read = ProtocolJson.Read(json);

        // Assert
        Assert.False(read.IsOk);
        Assert.StartsWith($"stdin is not a peepshow payload: null not allowed at {path}", read.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_createdAt_that_is_not_a_timestamp_is_refused_saying_why()
    {
        // Arrange
        var json = Mutate(Payloads.FullyPopulated(), p => p["createdAt"] = "yesterday");

        // Act
        var read = ProtocolJson.Read(json);

        // Assert
        Assert.False(read.IsOk);
        Assert.StartsWith("stdin is not a peepshow payload: 'yesterday' is not an ISO-8601 timestamp at $.createdAt", read.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_transcript_segment_without_text_is_refused()
    {
        // Arrange
        var json = Mutate(Payloads.FullyPopulated(), p => p["audio"]!["transcript"]!["segments"]![0]!.AsObject().Remove("text"));

        // Act
        var read = ProtocolJson.Read(json);

        // Assert
        Assert.False(read.IsOk);
        Assert.Contains("missing required field(s) 'text'", read.Error, StringComparison.Ordinal);
    }

    /// <summary>The payload as the writer emits it, changed the way a sloppy or hostile producer would.</summary>
    internal static string Mutate(RunPayload payload, Action<JsonObject> change)
    {
        var node = JsonNode.Parse(ProtocolJson.Serialize(payload))!.AsObject();
        change(node);
        return node.ToJsonString();
    }

    private static void AssertNames(string error, params string[] fields)
    {
        foreach (var field in fields)
            Assert.Contains(field, error, StringComparison.Ordinal);
    }
}
