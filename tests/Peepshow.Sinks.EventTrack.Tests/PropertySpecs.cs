using Peepshow.Protocol.Payload;
using Peepshow.Sinks.EventTrack.Tests.Fixtures;
using Peepshow.Testing;
using static Peepshow.Sinks.EventTrack.Tests.EventTrackFixture;

namespace Peepshow.Sinks.EventTrack.Tests;

/// <summary>docs/sinks/event-track.md: the same properties for every provider, each omitted when unknown (codec is "" instead).</summary>
public sealed class PropertySpecs
{
    private static async Task<IReadOnlyList<string>> DeliverToAllAsync(RunPayload payload)
    {
        var properties = new List<string>();
        foreach (var provider in ProviderNames)
        {
            await using var analytics = await StartAsync(provider);
            var run = await RunAsync(EnvFor(analytics), Runs.Json(payload));
            Assert.Equal(0, run.ExitCode);
            properties.Add(Assert.Single(analytics.Events).Properties.ToJsonString());
        }
        return properties;
    }

    [Fact(Timeout = 30000)]
    public async Task A_full_run_sends_every_property_with_the_same_values_to_every_provider()
    {
        var properties = await DeliverToAllAsync(RunPayloads.Full.WithTitle("The Heist"));

        const string expected =
            """
            {"strategy":"scene","frames":3,"codec":"h264","output_dir":"/tmp/peepshow-20261120T235959123-k3x9q2","duration_s":12.5,"width":1920,"height":1080,"director":"Kubrick","studio":"Hawk Films","tags":"{\"title\":\"The Heist\",\"director\":\"Kubrick\",\"studio\":\"Hawk Films\",\"comment\":\"Café \\\"final\\\" cut\"}","transcript_language":"en","transcript_duration_s":12.4,"audio_silence_ratio":0.18}
            """;
        Assert.All(properties, p => Assert.Equal(Normalize(expected), Normalize(p)));
    }

    [Fact(Timeout = 30000)]
    public async Task A_run_that_knows_little_sends_an_empty_codec_and_leaves_every_other_unknown_out()
    {
        var properties = await DeliverToAllAsync(Runs.Lean);

        const string expected =
            """
            {"strategy":"fps","frames":1,"codec":"","output_dir":"/tmp/peepshow-20261120T101010000-gif001","tags":"{}"}
            """;
        Assert.All(properties, p => Assert.Equal(Normalize(expected), Normalize(p)));
    }

    [Fact]
    public void A_skipped_transcript_sends_no_transcript_metadata_and_no_silence_ratio_when_unmeasured()
    {
        var names = TrackEvent.PropertiesOf(Runs.TranscriptSkipped).Select(p => p.Name).ToList();

        Assert.DoesNotContain("transcript_language", names);
        Assert.DoesNotContain("transcript_duration_s", names);
        Assert.DoesNotContain("audio_silence_ratio", names);
        Assert.Contains("duration_s", names);
    }

    [Fact]
    public void Blank_director_and_studio_tags_are_left_out_but_stay_in_the_tags_string()
    {
        var payload = RunPayloads.Full.WithTags(new Dictionary<string, string> { ["director"] = " ", ["studio"] = "" });

        var properties = TrackEvent.PropertiesOf(payload);

        Assert.DoesNotContain(properties, p => p.Name is "director" or "studio");
        Assert.Equal("""{"director":" ","studio":""}""", properties.Single(p => p.Name == "tags").Text);
    }

    [Fact]
    public void The_event_time_is_the_runs_createdAt_not_the_delivery_time()
    {
        var later = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var trackEvent = TrackEvent.From(RunPayloads.Full, "peepshow_run", UserId, later);

        Assert.Equal(Runs.CreatedAtEpochMs, trackEvent.EpochMilliseconds);
        Assert.False(trackEvent.TimeIsNow);
    }

    // Compare JSON meaning, not escaping: the doubles re-serialize what they received.
    private static string Normalize(string json) => Parse(json.Trim()).ToJsonString(new System.Text.Json.JsonSerializerOptions
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
