using Peepshow.Protocol.Rows;

namespace Peepshow.Protocol.Tests;

/// <summary>docs/PLUGINS.md makes claims users copy; these keep them true.</summary>
public sealed class PluginsDocSpecs
{
    [Fact]
    public void The_example_payload_is_exactly_what_peepshow_writes()
    {
        // Arrange
        var example = PayloadSchemaSpecs.PluginsDocExample();

        // Act
        var written = ProtocolJson.Serialize(Payloads.Parse(example));

        // Assert
        Assert.Equal(example, written.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void The_example_maps_to_the_standard_row_the_doc_describes()
    {
        // Arrange
        var payload = Payloads.Parse(PayloadSchemaSpecs.PluginsDocExample());

        // Act
        var row = StandardRowMapper.Map(payload, "https://cdn.example.com/runs/abc", DateTimeOffset.UnixEpoch);

        // Assert
        Assert.Equal("20261120T235959123-k3x9q2", row.RunId);
        Assert.Equal("Product demo", row.Title);
        Assert.Equal(3, row.Frames);
        Assert.Equal(12.5, row.Duration);
        Assert.Equal("https://cdn.example.com/runs/abc/frame_0001.jpg", row.ThumbnailUrl);
        Assert.Equal(payload.CreatedAt, row.CreatedAt);
    }
}
