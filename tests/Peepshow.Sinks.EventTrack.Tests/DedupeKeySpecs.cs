namespace Peepshow.Sinks.EventTrack.Tests;

/// <summary>The key that makes retries and replays count once: stable per run and event name, valid everywhere.</summary>
public sealed class DedupeKeySpecs
{
    [Theory]
    [InlineData("20261120T235959123-k3x9q2")]
    [InlineData("peepshow-abc123")]
    [InlineData("a")]
    public void A_short_run_id_stays_readable_in_its_key(string runId)
    {
        var key = DedupeKey.For(runId, "peepshow_run");

        Assert.Matches($"^{runId}-[0-9a-f]{{8}}$", key);
    }

    [Theory]
    [InlineData("run_with_underscores")]
    [InlineData("20261120T235959123-k3x9q2-and-some-more")]
    [InlineData("My Clip (final).mov")]
    [InlineData("日本語のラン")]
    public void A_run_id_mixpanel_would_not_accept_becomes_32_hex_characters(string runId)
    {
        var key = DedupeKey.For(runId, "peepshow_run");

        Assert.Matches("^[0-9a-f]{32}$", key);
    }

    [Theory]
    [InlineData("20261120T235959123-k3x9q2")]
    [InlineData("27-characters-exactly-abcde")]
    [InlineData("28-characters-exactly-abcdef")]
    [InlineData("x/y:z")]
    public void Every_key_fits_mixpanels_insert_id_rules(string runId)
    {
        var key = DedupeKey.For(runId, "peepshow_run");

        Assert.True(key.Length <= 36, key);
        Assert.Matches("^[A-Za-z0-9-]+$", key);
    }

    [Fact]
    public void The_same_run_and_event_always_give_the_same_key()
    {
        Assert.Equal(DedupeKey.For("peepshow-abc123", "peepshow_run"), DedupeKey.For("peepshow-abc123", "peepshow_run"));
        Assert.Equal(DedupeKey.For("a_b", "peepshow_run"), DedupeKey.For("a_b", "peepshow_run"));
    }

    [Fact]
    public void Different_event_names_or_runs_give_different_keys()
    {
        var keys = new[]
        {
            DedupeKey.For("peepshow-abc123", "peepshow_run"),
            DedupeKey.For("peepshow-abc123", "video_watched"),
            DedupeKey.For("peepshow-abc124", "peepshow_run"),
            DedupeKey.For("a_b", "peepshow_run"),
            DedupeKey.For("a_b", "video_watched"),
            // The separator keeps run/event boundaries apart.
            DedupeKey.For("ab_", "c"),
            DedupeKey.For("ab", "_c"),
        };

        Assert.Equal(keys.Length, keys.Distinct().Count());
    }
}
