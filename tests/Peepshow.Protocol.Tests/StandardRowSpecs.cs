using Peepshow.Protocol.Hosting;
using System.Text;
using System.Text.Json;
using Peepshow.Protocol.Payload;
using Peepshow.Protocol.Rows;

namespace Peepshow.Protocol.Tests;

/// <summary>The rules of docs/PLUGINS.md, one spec (or theory) each.</summary>
public sealed class StandardRowSpecs
{
    private static readonly DateTimeOffset Now = new(2031, 2, 3, 4, 5, 6, TimeSpan.Zero);

    private const int Cap = 1024 * 1024;

    [Fact]
    public void The_original_peepshows_example_payload_maps_to_a_standard_row()
    {
        // Arrange
        var payload = Payloads.Parse(Payloads.OriginalExampleJson);

        // Act: with the frame base URL the original docs use in their example
        var row = StandardRowMapper.Map(payload, "https://cdn.example.com/runs/abc", Now);

        // Assert
        Assert.Equal("peepshow-abc123", row.RunId);
        Assert.Equal("The Heist", row.Title);
        Assert.Equal(1, row.Frames);
        Assert.Equal(12.5, row.Duration);
        Assert.Equal("...", row.Transcript);
        Assert.Equal("https://cdn.example.com/runs/abc/frame_0001.jpg", row.ThumbnailUrl);
        Assert.Equal("scene", row.Strategy);
        Assert.Equal(new Dictionary<string, string> { ["title"] = "The Heist", ["director"] = "Kubrick" }, ParseTags(row.Tags));
        Assert.Equal(Now, row.CreatedAt);
    }

    [Fact]
    public void The_columns_are_the_standard_schema_in_table_order()
    {
        // Act
        var columns = StandardRow.Columns;

        // Assert
        Assert.Equal(["run_id", "title", "frames", "duration", "transcript", "thumbnail_url", "strategy", "tags", "created_at"], columns);
    }

    [Theory]
    [InlineData("The Heist", "Heist Show", "clip.mov", "run-1", "The Heist")]
    [InlineData(null, "Heist Show", "clip.mov", "run-1", "Heist Show")]
    [InlineData("   ", "Heist Show", "clip.mov", "run-1", "Heist Show")]
    [InlineData(null, null, "holiday.final.mov", "run-1", "holiday.final")]
    [InlineData(null, "", "holiday.mp4", "run-1", "holiday")]
    [InlineData(null, null, null, "run-1", "run-1")]
    [InlineData(null, null, ".mov", "run-1", "run-1")]
    [InlineData(null, null, null, null, "peepshow-fallback")]
    public void The_title_falls_back_from_tags_title_to_tags_show_to_the_file_name_to_run_id(
        string? title, string? show, string? filename, string? runId, string expected)
    {
        // Arrange
        var tags = new Dictionary<string, string>();
        if (title is not null)
            tags["title"] = title;
        if (show is not null)
            tags["show"] = show;
        var payload = Payloads.Minimal("/tmp/peepshow-fallback") with
        {
            RunId = runId,
            Input = filename is null ? null : new InputInfo { Kind = "path", Filename = filename },
            Video = new VideoInfo { Tags = tags },
        };

        // Act
        var row = StandardRowMapper.Map(payload, null, Now);

        // Assert
        Assert.Equal(expected, row.Title);
    }

    [Theory]
    [InlineData("é", 1)]
    [InlineData("é", 2)]
    [InlineData("€", 1)]
    [InlineData("€", 2)]
    [InlineData("€", 3)]
    [InlineData("\U0001F600", 1)]
    [InlineData("\U0001F600", 2)]
    [InlineData("\U0001F600", 3)]
    [InlineData("\U0001F600", 4)]
    public void The_transcript_is_capped_at_1_MiB_of_UTF8_without_splitting_a_character(string character, int bytesBeforeCap)
    {
        // Arrange: ASCII up to bytesBeforeCap short of the cap, then the multi-byte character, then more.
        var prefix = new string('a', Cap - bytesBeforeCap);
        var payload = WithTranscript(prefix + character + "tail");
        var characterBytes = Encoding.UTF8.GetByteCount(character);
        // The character survives only when all of its bytes fit under the cap.
        var expected = bytesBeforeCap >= characterBytes ? prefix + character : prefix;

        // Act
        var row = StandardRowMapper.Map(payload, null, Now);

        // Assert
        Assert.Equal(expected.Length, row.Transcript!.Length);
        Assert.Equal(expected, row.Transcript);
        Assert.True(Encoding.UTF8.GetByteCount(row.Transcript) <= Cap);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void A_transcript_within_1_MiB_is_kept_whole(int bytesUnderCap)
    {
        // Arrange
        var text = new string('a', Cap - 3 - bytesUnderCap) + "€";
        var payload = WithTranscript(text);

        // Act
        var row = StandardRowMapper.Map(payload, null, Now);

        // Assert
        Assert.Equal(text, row.Transcript);
    }

    [Fact]
    public void No_transcript_leaves_the_column_null()
    {
        // Arrange
        var payload = Payloads.Minimal() with { Audio = new AudioInfo { Transcript = null } };

        // Act
        var row = StandardRowMapper.Map(payload, null, Now);

        // Assert
        Assert.Null(row.Transcript);
    }

    [Theory]
    [InlineData("https://cdn.example.com/runs/abc")]
    [InlineData("https://cdn.example.com/runs/abc/")]
    [InlineData("https://cdn.example.com/runs/abc//")]
    public void The_thumbnail_url_joins_the_frame_base_url_and_the_first_frames_file_name(string baseUrl)
    {
        // Arrange
        var payload = Payloads.FullyPopulated();

        // Act
        var row = StandardRowMapper.Map(payload, baseUrl, Now);

        // Assert
        Assert.Equal("https://cdn.example.com/runs/abc/frame_0001.jpg", row.ThumbnailUrl);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Without_a_frame_base_url_there_is_no_thumbnail_url(string? baseUrl)
    {
        // Arrange
        var payload = Payloads.FullyPopulated();

        // Act
        var row = StandardRowMapper.Map(payload, baseUrl, Now);

        // Assert
        Assert.Null(row.ThumbnailUrl);
    }

    [Fact]
    public void Without_frames_there_is_no_thumbnail_url()
    {
        // Arrange
        var payload = Payloads.Minimal();

        // Act
        var row = StandardRowMapper.Map(payload, "https://cdn.example.com/runs/abc", Now);

        // Assert
        Assert.Null(row.ThumbnailUrl);
        Assert.Equal(0, row.Frames);
    }

    [Theory]
    [InlineData("/tmp/peepshow-abc123")]
    [InlineData("/tmp/peepshow-abc123/")]
    public void Without_a_runId_the_run_id_is_the_output_folders_name(string outputDir)
    {
        // Arrange
        var payload = Payloads.Minimal(outputDir) with { RunId = null };

        // Act
        var row = StandardRowMapper.Map(payload, null, Now);

        // Assert
        Assert.Equal("peepshow-abc123", row.RunId);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("///")]
    [InlineData(".")]
    [InlineData("/tmp/..")]
    [InlineData("/tmp/ /")]
    public void Without_a_runId_a_folder_without_a_name_is_refused_as_malformed_input(string outputDir)
    {
        // Arrange: every such run would otherwise land on one empty or meaningless key.
        var payload = Payloads.Minimal(outputDir) with { RunId = null };

        // Act
        var ex = Assert.Throws<SinkException>(() => StandardRowMapper.Map(payload, null, Now));

        // Assert
        Assert.Equal(SinkExitCodes.MalformedInput, ex.ExitCode);
        Assert.StartsWith("the payload has no runId and its outputDir", ex.Message);
    }

    [Theory]
    [InlineData("20261120T235959123-k3x9q2", "20261120T235959123-k3x9q2")]
    [InlineData("", "peepshow-abc123")]
    public void A_runId_in_the_payload_is_the_run_id(string runId, string expected)
    {
        // Arrange
        var payload = Payloads.Minimal("/tmp/peepshow-abc123") with { RunId = runId };

        // Act
        var row = StandardRowMapper.Map(payload, null, Now);

        // Assert
        Assert.Equal(expected, row.RunId);
    }

    [Fact]
    public void The_created_at_comes_from_the_payload_so_a_replay_keeps_the_runs_time()
    {
        // Arrange
        var createdAt = new DateTimeOffset(2026, 11, 20, 23, 59, 59, 123, TimeSpan.Zero);
        var payload = Payloads.Minimal() with { CreatedAt = createdAt };

        // Act
        var row = StandardRowMapper.Map(payload, null, Now);

        // Assert
        Assert.Equal(createdAt, row.CreatedAt);
    }

    [Fact]
    public void Without_createdAt_the_created_at_is_now()
    {
        // Arrange
        var payload = Payloads.Minimal() with { CreatedAt = null };

        // Act
        var row = StandardRowMapper.Map(payload, null, Now);

        // Assert
        Assert.Equal(Now, row.CreatedAt);
    }

    [Fact]
    public void An_unknown_duration_is_0()
    {
        // Arrange
        var noDuration = Payloads.Minimal() with { Video = new VideoInfo { DurationSeconds = null } };
        var noVideo = Payloads.Minimal() with { Video = null };

        // Act
        var rows = new[] { noDuration, noVideo }.Select(p => StandardRowMapper.Map(p, null, Now));

        // Assert
        Assert.All(rows, row => Assert.Equal(0, row.Duration));
    }

    [Fact]
    public void The_frames_and_duration_columns_count_frames_and_copy_the_duration()
    {
        // Arrange
        var payload = Payloads.FullyPopulated();

        // Act
        var row = StandardRowMapper.Map(payload, null, Now);

        // Assert
        Assert.Equal(payload.Frames.Count, row.Frames);
        Assert.Equal(payload.Video!.DurationSeconds, row.Duration);
        Assert.Equal(payload.Strategy, row.Strategy);
    }

    [Fact]
    public void The_tags_are_a_JSON_string_that_keeps_non_ASCII_readable()
    {
        // Arrange
        var tags = new Dictionary<string, string> { ["title"] = "Café à Paris", ["artist"] = "Zoë Ångström", ["comment"] = "日本語 «ok»" };
        var payload = Payloads.Minimal() with { Video = new VideoInfo { Tags = tags } };

        // Act
        var row = StandardRowMapper.Map(payload, null, Now);

        // Assert
        Assert.Equal(tags, ParseTags(row.Tags));
        foreach (var value in tags.Values)
            Assert.Contains(value, row.Tags, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", row.Tags, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_tags_the_tags_column_is_an_empty_JSON_object()
    {
        // Arrange
        var payload = Payloads.Minimal() with { Video = null };

        // Act
        var row = StandardRowMapper.Map(payload, null, Now);

        // Assert
        Assert.Empty(ParseTags(row.Tags));
    }

    private static RunPayload WithTranscript(string text) =>
        Payloads.Minimal() with { Audio = new AudioInfo { Transcript = new TranscriptInfo { Text = text } } };

    private static Dictionary<string, string> ParseTags(string json) =>
        JsonSerializer.Deserialize(json, ProtocolJson.Context.DictionaryStringString)!;
}
