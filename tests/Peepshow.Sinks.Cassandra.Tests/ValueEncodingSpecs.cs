using System.Text;
using System.Text.Json;
using Peepshow.Protocol.Rows;
using Peepshow.Sinks.Cassandra.Tests.Fixtures;
using Peepshow.Testing;
using Peepshow.Testing.Doubles.Stargate;

namespace Peepshow.Sinks.Cassandra.Tests;

/// <summary>
/// Stargate reads every JSON string as a possible CQL literal (v2 unquotes '…', v1 also trims), so these
/// specs push awkward text through a real POST and read it back through a real GET, on both generations.
/// </summary>
public sealed class ValueEncodingSpecs
{
    public static TheoryData<StargateFlavour, string> AwkwardTitles()
    {
        var data = new TheoryData<StargateFlavour, string>();
        string[] titles =
        [
            "'quoted'", "''", "'", "'a''b'", "''''", "'''", "'tis the season", "rock 'n' roll'", "'quoted' ",
            " leading space", "trailing space ", "\ttabbed\t", "line\nbreak\n", "\"double quoted\"", "back\\slash",
            "日本語のタイトル — Ünïcødé 🎬", "", "{\"looks\": \"like json\"}", "[1,2]", "null", "42",
        ];
        foreach (var flavour in new[] { StargateFlavour.V2, StargateFlavour.V1 })
            foreach (var title in titles)
                data.Add(flavour, title);
        return data;
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(AwkwardTitles))]
    public async Task A_title_is_stored_and_read_back_exactly_as_given(StargateFlavour flavour, string title)
    {
        await using var stargate = await CassandraFixture.StargateAsync(flavour);
        var payload = RunPayloads.Full.WithTitle(title);

        var result = await CassandraFixture.RunAsync(stargate, payload);

        Assert.True(result.ExitCode == 0, result.ToString());
        // A blank title falls back (to the file name); everything else must arrive untouched.
        var expected = StandardRowMapper.Map(payload, null, DateTimeOffset.UnixEpoch).Title;
        Assert.Equal(expected, stargate.Row(CassandraFixture.Keyspace, CassandraFixture.Table, RunPayloads.RunId)!["title"]);
        Assert.Equal(expected, (await CassandraFixture.GetRowAsync(stargate, RunPayloads.RunId)).GetProperty("title").GetString());
    }

    [Theory(Timeout = 30000)]
    [InlineData(StargateFlavour.V2)]
    [InlineData(StargateFlavour.V1)]
    public async Task A_1_MiB_transcript_full_of_quotes_and_edge_spaces_round_trips_byte_for_byte(StargateFlavour flavour)
    {
        await using var stargate = await CassandraFixture.StargateAsync(flavour);
        var transcript = OneMiB(" 'Don't,' she said — «日本» 🎬 it''s fine.' ");

        var result = await CassandraFixture.RunAsync(stargate, RunPayloads.Full.WithTranscript(transcript));

        Assert.True(result.ExitCode == 0, result.ToString());
        var stored = (string)stargate.Row(CassandraFixture.Keyspace, CassandraFixture.Table, RunPayloads.RunId)!["transcript"]!;
        Assert.Equal(StandardRowMapper.TranscriptCapBytes, Encoding.UTF8.GetByteCount(stored));
        Assert.Equal(transcript, stored);
        Assert.Equal(transcript, (await CassandraFixture.GetRowAsync(stargate, RunPayloads.RunId)).GetProperty("transcript").GetString());
    }

    [Fact(Timeout = 30000)]
    public async Task A_transcript_over_1_MiB_is_cut_to_1_MiB_without_splitting_a_character()
    {
        await using var stargate = await CassandraFixture.StargateAsync();
        var transcript = string.Concat(Enumerable.Repeat("日本🎬", 200_000)); // 10 bytes a repetition, 2 MB

        var result = await CassandraFixture.RunAsync(stargate, RunPayloads.Full.WithTranscript(transcript));

        Assert.Equal(0, result.ExitCode);
        var stored = (string)stargate.Row(CassandraFixture.Keyspace, CassandraFixture.Table, RunPayloads.RunId)!["transcript"]!;
        Assert.True(Encoding.UTF8.GetByteCount(stored) <= StandardRowMapper.TranscriptCapBytes);
        Assert.StartsWith(stored, transcript, StringComparison.Ordinal);
        Assert.False(char.IsHighSurrogate(stored[^1]), "the cut split a surrogate pair");
    }

    [Theory(Timeout = 30000)]
    [InlineData(StargateFlavour.V2)]
    [InlineData(StargateFlavour.V1)]
    public async Task Tags_with_quotes_come_back_as_the_same_JSON(StargateFlavour flavour)
    {
        await using var stargate = await CassandraFixture.StargateAsync(flavour);
        var payload = RunPayloads.Full.WithTags(new Dictionary<string, string> { ["title"] = "'x'", ["comment"] = " it's \"fine\" " });

        await CassandraFixture.RunAsync(stargate, payload);

        var tags = (string)stargate.Row(CassandraFixture.Keyspace, CassandraFixture.Table, RunPayloads.RunId)!["tags"]!;
        using var json = JsonDocument.Parse(tags);
        Assert.Equal("'x'", json.RootElement.GetProperty("title").GetString());
        Assert.Equal(" it's \"fine\" ", json.RootElement.GetProperty("comment").GetString());
    }

    [Fact(Timeout = 30000)]
    public async Task A_run_id_in_quotes_is_still_the_rows_key()
    {
        await using var stargate = await CassandraFixture.StargateAsync();

        var result = await CassandraFixture.RunAsync(stargate, RunPayloads.Full with { RunId = "'r-1'" });

        Assert.Equal(0, result.ExitCode);
        Assert.NotNull(stargate.Row(CassandraFixture.Keyspace, CassandraFixture.Table, "'r-1'"));
        Assert.Null(stargate.Row(CassandraFixture.Keyspace, CassandraFixture.Table, "r-1"));
    }

    [Theory(Timeout = 30000)]
    [InlineData(StargateFlavour.V2, 1)]
    [InlineData(StargateFlavour.V1, 2)]
    public async Task Quoted_text_is_checked_with_one_GET_only_where_the_server_did_not_echo_the_row(StargateFlavour flavour, int requests)
    {
        await using var stargate = await CassandraFixture.StargateAsync(flavour);

        var result = await CassandraFixture.RunAsync(stargate, RunPayloads.Full.WithTitle("'quoted'"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(requests, stargate.RequestCount);
        Assert.Equal("'quoted'", stargate.Row(CassandraFixture.Keyspace, CassandraFixture.Table, RunPayloads.RunId)!["title"]);
        Assert.Equal("", result.Stderr);
    }

    [Fact(Timeout = 30000)]
    public async Task Plain_text_to_a_v1_server_costs_no_extra_request()
    {
        await using var stargate = await CassandraFixture.StargateAsync(StargateFlavour.V1);

        await CassandraFixture.RunAsync(stargate, RunPayloads.Full.WithTranscript("No edge spaces, no quotes at the ends."));

        Assert.Equal(1, stargate.RequestCount);
    }

    [Fact(Timeout = 30000)]
    public async Task A_server_that_stores_quoted_text_literally_gets_those_values_again_plain()
    {
        // Answers like Stargate v1 (key-only 201) but keeps text as sent, as a "compatible" endpoint might.
        await using var stargate = await CassandraFixture.StargateAsync(StargateFlavour.V1);
        stargate.StoresTextLiterally = true;

        var result = await CassandraFixture.RunAsync(stargate, RunPayloads.Full.WithTitle("'quoted'"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("'quoted'", stargate.Row(CassandraFixture.Keyspace, CassandraFixture.Table, RunPayloads.RunId)!["title"]);
        Assert.Equal(" Previously, on the heist. Nobody's leaving this room.", stargate.Row(CassandraFixture.Keyspace, CassandraFixture.Table, RunPayloads.RunId)!["transcript"]);
        Assert.Equal(["POST", "GET", "POST"], stargate.Requests.Select(r => r.Method));
        Assert.Contains("stores quoted text literally", result.Stderr);
        Assert.Equal(1, stargate.RowCount(CassandraFixture.Keyspace, CassandraFixture.Table));
    }

    [Fact]
    public void A_server_that_changed_quoted_text_some_other_way_is_reported_not_rewritten()
    {
        var sent = StargateRequests.RowJson(StandardRowMapper.Map(RunPayloads.Full.WithTitle("'quoted'"), null, DateTimeOffset.UnixEpoch));
        using var trimmed = JsonDocument.Parse("""{"title":"'quoted'","transcript":"Previously, on the heist. Nobody's leaving this room."}""");
        using var literal = JsonDocument.Parse("""{"title":"'''quoted'''","transcript":"' Previously, on the heist. Nobody''s leaving this room.'"}""");

        Assert.Equal(["title", "transcript"], sent.Quoted.Keys.Order());
        var (verdict, columns) = QuotedText.Judge(trimmed.RootElement, sent);
        Assert.Equal(QuotedText.Verdict.Altered, verdict);
        Assert.Equal(["transcript"], columns);
        Assert.Equal(QuotedText.Verdict.StoredLiterally, QuotedText.Judge(literal.RootElement, sent).Verdict);
    }

    [Theory]
    [InlineData("The Heist", "The Heist")]
    [InlineData("it's", "it's")]
    [InlineData("'tis", "'tis")]
    [InlineData("", "")]
    [InlineData("'quoted'", "'''quoted'''")]
    [InlineData("''", "''''''")]
    [InlineData("'", "''''")]
    [InlineData("'a''b'", "'''a''''b'''")]
    [InlineData(" padded", "' padded'")]
    [InlineData("x\n", "'x\n'")]
    public void Only_text_Stargate_would_alter_is_sent_in_CQL_literal_form(string value, string sent)
    {
        Assert.Equal(sent, StargateText.Encode(value));
    }

    [Fact]
    public void Every_encoded_value_survives_both_Stargate_generations_parsing()
    {
        var samples = new List<string> { "", "'", "''", "' '", " ", "\u0001'\u0001", "a'", "'a", "''a''", "\t'x'\t" };
        for (var i = 0; i < 500; i++)
            samples.Add(new string(Enumerable.Range(0, Random.Shared.Next(1, 6)).Select(_ => " '\tab\n"[Random.Shared.Next(6)]).ToArray()));

        foreach (var value in samples)
        {
            var sent = StargateText.Encode(value);
            Assert.Equal(value, StargateValues.HandleSingleQuotesV2(sent));
            Assert.Equal(value, StargateValues.TrimAndUnquoteV1(sent));
        }
    }

    private static string OneMiB(string unit)
    {
        var text = new StringBuilder();
        var bytes = 0;
        var unitBytes = Encoding.UTF8.GetByteCount(unit);
        for (; bytes + unitBytes <= StandardRowMapper.TranscriptCapBytes; bytes += unitBytes)
            text.Append(unit);
        return text.Append('\'', StandardRowMapper.TranscriptCapBytes - bytes).ToString(); // ends with ' at exactly 1 MiB: the hardest shape
    }
}
