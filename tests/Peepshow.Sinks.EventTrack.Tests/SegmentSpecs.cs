using System.Text;
using Peepshow.Protocol;
using Peepshow.Protocol.Hosting;
using Peepshow.Sinks.EventTrack.Tests.Fixtures;
using Peepshow.Testing;
using Peepshow.Testing.Doubles.Analytics;
using Peepshow.Testing.Http;
using static Peepshow.Sinks.EventTrack.Tests.EventTrackFixture;

namespace Peepshow.Sinks.EventTrack.Tests;

public sealed class SegmentSpecs
{
    [Fact(Timeout = 30000)]
    public async Task The_event_is_a_v1_track_json_body_with_the_write_key_as_basic_auth_user_and_an_empty_password()
    {
        await using var segment = await StartAsync("segment");

        var run = await RunAsync(EnvFor(segment), Runs.Json(RunPayloads.Full));

        Assert.Equal(0, run.ExitCode);
        var request = Assert.Single(segment.Requests.All);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/track", request.Path);
        Assert.Equal("application/json", request.Headers["Content-Type"]);
        var authorization = request.Headers["Authorization"];
        Assert.StartsWith("Basic ", authorization);
        Assert.Equal(Token + ":", Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..])));

        var body = Parse(request.Body);
        Assert.Equal(["userId", "event", "properties", "timestamp", "messageId", "context"], body.Select(p => p.Key));
        Assert.Equal(UserId, (string?)body["userId"]);
        Assert.Equal("peepshow_run", (string?)body["event"]);
        Assert.Equal("2026-11-20T23:59:59.123Z", (string?)body["timestamp"]);
        Assert.Matches($"^{RunPayloads.RunId}-[0-9a-f]{{8}}$", (string?)body["messageId"]);
        Assert.Equal("peepshow-sink-event-track", (string?)body["context"]!["library"]!["name"]);
        Assert.Equal(SinkApp.Version, (string?)body["context"]!["library"]!["version"]);
        Assert.Equal($"event-track: segment accepted peepshow_run for {UserId} ({body["messageId"]})\n", run.Stdout);
    }

    [Fact(Timeout = 30000)]
    public async Task An_event_over_32_KB_is_refused_before_sending_naming_its_size_and_the_property_that_made_it_big()
    {
        await using var segment = await StartAsync("segment");

        var run = await RunAsync(EnvFor(segment), Runs.Json(Runs.WithTagBytes(40_000)));

        Assert.Equal(SinkExitCodes.RemoteFailure, run.ExitCode);
        Assert.Equal(0, segment.Requests.Count);
        Assert.Matches(@"the segment event is 4\d,\d{3} bytes, over Segment's 32 KB \(32,768 bytes\) limit per event, so it was not sent", run.Stderr);
        Assert.Contains("the largest property is tags (the video's metadata tags)", run.Stderr);
    }

    [Fact(Timeout = 30000)]
    public async Task Large_metadata_that_still_fits_in_32_KB_is_delivered()
    {
        await using var segment = await StartAsync("segment");

        var run = await RunAsync(EnvFor(segment), Runs.Json(Runs.WithTagBytes(30_000)));

        Assert.Equal(0, run.ExitCode);
        Assert.InRange(Encoding.UTF8.GetByteCount(Assert.Single(segment.Requests.All).Body), 30_000, SegmentDouble.MaxEventBytes);
        Assert.Single(segment.Events);
    }

    [Fact(Timeout = 30000)]
    public async Task The_same_oversized_run_fails_the_same_way_for_a_dry_run()
    {
        await using var segment = await StartAsync("segment");

        var run = await RunAsync(EnvFor(segment), Runs.Json(Runs.WithTagBytes(40_000)), "--dry-run");

        Assert.Equal(SinkExitCodes.RemoteFailure, run.ExitCode);
        Assert.Contains("over Segment's 32 KB", run.Stderr);
        Assert.Equal(0, segment.Requests.Count);
    }

    [Fact(Timeout = 30000)]
    public async Task A_400_from_segment_is_shown_with_its_body_and_not_retried()
    {
        await using var segment = await StartAsync("segment");
        segment.Faults.Enqueue(HttpFault.Respond(400, """{"success":false,"message":"Invalid JSON"}"""));

        var run = await RunAsync(EnvFor(segment), Runs.Json(RunPayloads.Full));

        Assert.Equal(SinkExitCodes.RemoteFailure, run.ExitCode);
        Assert.Contains("""segment rejected the event: HTTP 400 Bad Request: {"success":false,"message":"Invalid JSON"}""", run.Stderr);
        Assert.Equal(1, segment.Requests.Count);
    }

    [Fact(Timeout = 30000)]
    public async Task A_segment_429_waits_as_long_as_Retry_After_says_then_delivers_once()
    {
        await using var segment = await StartAsync("segment");
        segment.Faults.Enqueue(HttpFault.Respond(429, "", ("Retry-After", "1")));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var run = await RunAsync(EnvFor(segment), Runs.Json(RunPayloads.Full));

        Assert.Equal(0, run.ExitCode);
        // The 5 ms retry base would come back at once; only Retry-After explains a full second.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"retried after {clock.Elapsed}");
        Assert.Equal(2, segment.Requests.Count);
        Assert.Single(segment.Events);
        Assert.Contains("failed (HTTP 429); next in 1.0 s", run.Stderr);
    }
}
