using Peepshow.Core.Sinks;
using Peepshow.Protocol.Payload;
using Peepshow.Testing;

namespace Peepshow.Core.Tests.Sinks;

/// <summary>The --when matrix: every key, AND across clauses, OR within one, globs, tags, and the case rules.</summary>
public sealed class SinkMatchSpecs
{
    // /videos/The Heist.MP4, container "mov,mp4,m4a,3gp,3g2,mj2", codec h264, tags title=The Heist, director=Kubrick.
    private static readonly RunPayload Heist = RunPayloads.Sample("/tmp/peepshow-run");

    private static bool Matches(RunPayload payload, params string[] clauses) =>
        SinkMatch.IsMatch([.. clauses.Select(WhenClause.Parse)], payload);

    [Theory]
    [InlineData("extension=mp4", true)]
    [InlineData("extension=MP4", true)]
    [InlineData("extension=.mp4", true)]
    [InlineData("ext=mp4", true)]
    [InlineData("EXT=mp4", true)]
    [InlineData("extension=mov", false)]
    [InlineData("extension=mov,mp4", true)]
    [InlineData("extension=mov, mkv", false)]
    [InlineData("filename=The Heist.MP4", true)]
    [InlineData("filename=*.MP4", true)]
    [InlineData("filename=*.mp4", false)]
    [InlineData("filename=The?Heist*", true)]
    [InlineData("filename=Heist*", false)]
    [InlineData("filename=*Heist*,*Shining*", true)]
    [InlineData("path=/videos/", true)]
    [InlineData("path=Heist", true)]
    [InlineData("path=heist", false)]
    [InlineData("path=/videos/*.MP4", true)]
    [InlineData("path=/vid*", true)]
    [InlineData("path=vid*", false)]
    [InlineData("container=mp4", true)]
    [InlineData("container=MOV", true)]
    [InlineData("container=mov,mp4,m4a,3gp,3g2,mj2", true)]
    [InlineData("container=matroska", false)]
    [InlineData("codec=h264", true)]
    [InlineData("codec=H264", true)]
    [InlineData("codec=hevc,h264", true)]
    [InlineData("codec=hevc", false)]
    [InlineData("director=Kubrick", true)]
    [InlineData("DIRECTOR=Kubrick", true)]
    [InlineData("director=kubrick", false)]
    [InlineData("director=Kub*", false)]
    [InlineData("title=The Heist", true)]
    [InlineData("studio=Warner", false)]
    public void Each_key_matches_by_its_own_rule(string clause, bool expected)
    {
        Assert.Equal(expected, Matches(Heist, clause));
    }

    [Fact]
    public void Repeated_clauses_must_all_match()
    {
        Assert.True(Matches(Heist, "ext=mp4", "codec=h264", "director=Kubrick"));
        Assert.False(Matches(Heist, "ext=mp4", "codec=hevc"));
        Assert.False(Matches(Heist, "codec=hevc", "ext=mp4"));
    }

    [Fact]
    public void Tag_keys_are_found_whatever_case_the_container_wrote_them_in()
    {
        var mkv = RunPayloads.Sample("/tmp/r", tags: new Dictionary<string, string> { ["DIRECTOR"] = "Kubrick" });

        Assert.True(Matches(mkv, "director=Kubrick"));
        Assert.False(Matches(mkv, "director=KUBRICK"));
    }

    [Fact]
    public void Stdin_input_has_no_path_so_a_path_clause_never_matches_it()
    {
        var stdin = Heist with { Input = new InputInfo { Kind = "stdin", Filename = "stdin.mp4", Extension = "mp4" } };

        Assert.False(Matches(stdin, "path=*"));
        Assert.True(Matches(stdin, "ext=mp4"));
        Assert.Contains("path unknown", SinkMatch.Mismatch([WhenClause.Parse("path=/")], stdin));
    }

    [Fact]
    public void A_url_input_is_matched_by_path_against_its_url()
    {
        var url = Heist with { Input = new InputInfo { Kind = "url", Url = "https://cdn.example.com/clips/a.mp4", Filename = "a.mp4", Extension = "mp4" } };

        Assert.True(Matches(url, "path=cdn.example.com"));
        Assert.True(Matches(url, "path=https://*/clips/*"));
    }

    [Fact]
    public void A_run_without_tags_or_codec_does_not_match_clauses_about_them()
    {
        var bare = Heist with { Video = null };

        Assert.False(Matches(bare, "codec=h264"));
        Assert.False(Matches(bare, "director=Kubrick"));
        Assert.True(Matches(bare));
    }

    [Fact]
    public void The_reason_names_the_clause_that_failed_and_what_the_run_had()
    {
        var reason = SinkMatch.Mismatch([WhenClause.Parse("ext=mp4"), WhenClause.Parse("codec=hevc,av1")], Heist);

        Assert.Equal("codec=hevc,av1: codec is 'h264'", reason);
    }

    [Theory]
    [InlineData("extension")]
    [InlineData("=mp4")]
    [InlineData("ext=")]
    [InlineData("ext=mp4,,mov")]
    public void A_malformed_clause_is_refused_with_exit_2(string text)
    {
        Assert.Equal(ExitCodes.BadArguments, Assert.Throws<PeepshowException>(() => WhenClause.Parse(text)).ExitCode);
    }

    [Theory]
    [InlineData("abc", "a*c", true)]
    [InlineData("abc", "a?c", true)]
    [InlineData("ac", "a?c", false)]
    [InlineData("a/b/c.mp4", "*.mp4", true)]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "*a*a*a*a*a*a*a*a*a*a*c", false)]
    [InlineData("", "*", true)]
    public void Globs_support_star_and_question_mark_only(string text, string pattern, bool expected)
    {
        Assert.Equal(expected, Glob.IsMatch(text, pattern));
    }
}
