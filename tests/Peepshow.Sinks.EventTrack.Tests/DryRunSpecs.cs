using Peepshow.Sinks.EventTrack.Tests.Fixtures;
using Peepshow.Testing;
using static Peepshow.Sinks.EventTrack.Tests.EventTrackFixture;

namespace Peepshow.Sinks.EventTrack.Tests;

public sealed class DryRunSpecs
{
    [Theory(Timeout = 30000)]
    [InlineData("mixpanel", "Content-Type: application/x-www-form-urlencoded")]
    [InlineData("amplitude", "Content-Type: application/json")]
    [InlineData("segment", "Authorization: Basic ***")]
    public async Task A_dry_run_prints_the_exact_request_with_the_token_masked_and_sends_nothing(string provider, string header)
    {
        await using var analytics = await StartAsync(provider);

        var run = await RunAsync(EnvFor(analytics), Runs.Json(RunPayloads.Full), "--dry-run");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(0, analytics.Requests.Count);
        Assert.StartsWith($"POST {analytics.Url}\n", run.Stdout);
        Assert.Contains(header, run.Stdout);
        Assert.Contains("peepshow_run", run.Stdout);
        Assert.Contains("***", run.Stdout);
        Assert.EndsWith($"event-track: dry run, nothing sent; {provider} would receive peepshow_run for {UserId} ({DedupeKey.For(RunPayloads.RunId, "peepshow_run")})\n", run.Stdout);
    }

    [Fact(Timeout = 30000)]
    public async Task A_mixpanel_dry_run_also_shows_the_form_encoded_event_decoded()
    {
        await using var mixpanel = await StartAsync("mixpanel");

        var run = await RunAsync(EnvFor(mixpanel), Runs.Json(RunPayloads.Full), "--dry-run");

        Assert.Contains("# data, decoded:\n{\"event\":\"peepshow_run\",\"properties\":{\"token\":\"***\",\"distinct_id\":\"user-20391\"", run.Stdout);
    }
}
