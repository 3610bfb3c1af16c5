using Peepshow.Testing;

namespace Peepshow.Sinks.EventTrack.Tests;

/// <summary>peepshow's one table of the built-in sinks' variables (the .env pairing rule, doctor) agrees with the sink itself.</summary>
public sealed class KnownVariablesSpecs
{
    [Fact]
    public void Peepshows_table_names_the_variables_this_sinks_help_marks_required_and_secret_and_endpoints_it_reads() =>
        Assert.Empty(KnownVariablesCheck.Disagreements(EventTrackSink.Info));

    [Fact]
    public async Task Its_help_lists_exactly_the_variables_it_reads()
    {
        var (listed, read, _) = await SinkVariablesCheck.RunAsync(EventTrackSink.Definition, new Dictionary<string, string>
        {
            ["EVENT_TRACK_PROVIDER"] = "segment",
            ["EVENT_TRACK_TOKEN"] = "spec-write-key",
            ["EVENT_TRACK_USER_ID"] = "spec-user",
        });

        Assert.Equal(listed.Order(StringComparer.Ordinal), read);
        // The shared ones too: the retry limits and the plain-http escape hatch every HTTP sink reads.
        Assert.Contains("PEEPSHOW_SINK_RETRY_BASE_MS", listed);
        Assert.Contains("PEEPSHOW_ALLOW_INSECURE_HTTP", listed);
    }
}
