using Peepshow.Core.Sinks;

namespace Peepshow.Core.Tests.Sinks;

public sealed class SinkResultLinkSpecs
{
    [Theory]
    [InlineData("cassandra: run r1 -> http://127.0.0.1:8082/v2/keyspaces/ks/t/r1", "http://127.0.0.1:8082/v2/keyspaces/ks/t/r1")]
    [InlineData("databricks: run r1 -> main.default.t (statement 01f0); https://adb-1.azuredatabricks.net/explore/data/main/default/t", "https://adb-1.azuredatabricks.net/explore/data/main/default/t")]
    [InlineData("stored at HTTPS://Example.com/a?b=1#c.", "HTTPS://Example.com/a?b=1#c")]
    [InlineData("wrote (see https://example.com/runs/1), done", "https://example.com/runs/1")]
    [InlineData("wrote https://en.wikipedia.org/wiki/Foo_(bar)", "https://en.wikipedia.org/wiki/Foo_(bar)")]
    [InlineData("first https://a.example/1 then https://b.example/2", "https://a.example/1")]
    [InlineData("broken http:// then http://[::1]:9/x", "http://[::1]:9/x")]
    public void The_link_is_the_first_http_or_https_URL_in_the_success_line(string record, string link) =>
        Assert.Equal(link, SinkResult.FindLink(record));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("event-track: mixpanel accepted peepshow_run for u1 (r1-0a1b2c3d)")]
    [InlineData("saved to ftp://example.com/x and file:///tmp/x")]
    [InlineData("just http://")]
    public void A_line_without_one_has_no_link(string? record) =>
        Assert.Null(SinkResult.FindLink(record));
}
