using Peepshow.Core.Output;
using Peepshow.Core.Sinks;
using Peepshow.Protocol.Payload;

namespace Peepshow.Core.Tests.Output;

public sealed class DeliveredSectionSpecs
{
    private static readonly RunPayload Payload = new()
    {
        RunId = "20261120T235959123-k3x9q2",
        OutputDir = "/tmp/peepshow-abc123",
        Strategy = "scene",
        Frames = [new FrameInfo { Index = 1, Path = "/tmp/peepshow-abc123/frame_0001.jpg", TimestampSeconds = 0, Reason = "first" }],
    };

    private static SinkResult Result(string spec, string status) => new()
    {
        Name = SinkSpec.ParseName(spec).DisplayName,
        Kind = SinkKind.Name,
        Source = SinkResult.SourceCli,
        Status = status,
        Sink = SinkSpec.ParseName(spec),
    };

    private static readonly IReadOnlyList<SinkResult> Sinks =
    [
        Result("databricks", SinkResult.StatusOk) with
        {
            Record = "databricks: run r -> main.default.t (statement s1); https://adb.example/explore/data/main/default/t",
            Url = "https://adb.example/explore/data/main/default/t",
        },
        Result("event-track", SinkResult.StatusOk) with { Record = "event-track: mixpanel accepted peepshow_run for u1 (r-0a1b2c3d)" },
        Result("cassandra", SinkResult.StatusFailed) with { Error = "exit 5 (remote or network failure)", OutboxId = "20261120T235959123-k3x9q2-cassandra" },
        Result("folder", SinkResult.StatusFailed) with { Error = "not found" },
        Result("mkv-only", SinkResult.StatusSkipped) with { SkipReason = "when extension=mkv" },
    ];

    private const string Expected = """

        ## Delivered

        - databricks: ok, https://adb.example/explore/data/main/default/t
        - event-track: ok, event-track: mixpanel accepted peepshow_run for u1 (r-0a1b2c3d)
        - cassandra: failed (exit 5 (remote or network failure)); replay with: peepshow sinks retry 20261120T235959123-k3x9q2-cassandra
        - folder: failed (not found); not queued for retry
        - mkv-only: skipped (when extension=mkv)

        """;

    [Theory]
    [InlineData(EmitFormat.Markdown)]
    [InlineData(EmitFormat.Timeline)]
    public void Markdown_and_timeline_close_with_each_sinks_status_and_link_or_record_and_the_retry_line(EmitFormat emit)
    {
        var text = RunOutput.Render(Payload, emit, StatsLevel.Short, Sinks);

        Assert.Equal(RunOutput.Render(Payload, emit, StatsLevel.Short) + Expected.ReplaceLineEndings("\n"), text);
    }

    [Theory]
    [InlineData(EmitFormat.Paths)]
    [InlineData(EmitFormat.Json)]
    [InlineData(EmitFormat.Caveman)]
    [InlineData(EmitFormat.Markdown)]
    public void Other_formats_and_runs_without_sinks_have_no_such_section(EmitFormat emit)
    {
        Assert.DoesNotContain("Delivered", RunOutput.Render(Payload, emit, StatsLevel.Short, emit == EmitFormat.Markdown ? [] : Sinks));
    }
}
