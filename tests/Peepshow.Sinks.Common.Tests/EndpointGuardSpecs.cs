using Peepshow.Protocol;
using Peepshow.Protocol.Hosting;
using Peepshow.Sinks.Common.Delivery;

namespace Peepshow.Sinks.Common.Tests;

public sealed class EndpointGuardSpecs
{
    private static SinkEnvironment Env(string? insecure = null) => new(n => n == EnvNames.AllowInsecureHttp ? insecure : null);

    [Theory]
    [InlineData("https://adb-1.azuredatabricks.net")]
    [InlineData("http://127.0.0.1:8082")]
    [InlineData("http://localhost:8082/api/rest")]
    [InlineData("http://[::1]:9000")]
    public void Https_and_loopback_http_may_carry_a_token(string url)
    {
        var uri = EndpointGuard.Parse(Env(), "X_URL", url, sendsCredentials: true);

        Assert.Equal(new Uri(url), uri);
    }

    [Fact]
    public void A_token_is_never_sent_over_plain_http_to_another_host_unless_explicitly_allowed()
    {
        var ex = Assert.Throws<SinkException>(() => EndpointGuard.Parse(Env(), "DATABRICKS_URL", "http://example.com", sendsCredentials: true));
        var allowed = EndpointGuard.Parse(Env("1"), "DATABRICKS_URL", "http://example.com", sendsCredentials: true);
        var tokenless = EndpointGuard.Parse(Env(), "X_URL", "http://example.com", sendsCredentials: false);

        Assert.Equal(SinkExitCodes.InvalidConfig, ex.ExitCode);
        Assert.Contains("DATABRICKS_URL", ex.Message);
        Assert.Contains(EnvNames.AllowInsecureHttp, ex.Message);
        Assert.Equal("example.com", allowed.Host);
        Assert.Equal("example.com", tokenless.Host);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://host/x")]
    [InlineData("/relative/path")]
    [InlineData("https://user:pw@host")]
    public void A_malformed_url_is_a_config_error_naming_the_variable(string url)
    {
        var ex = Assert.Throws<SinkException>(() => EndpointGuard.Parse(Env(), "CASSANDRA_URL", url, sendsCredentials: false));

        Assert.Equal(SinkExitCodes.InvalidConfig, ex.ExitCode);
        Assert.StartsWith("CASSANDRA_URL", ex.Message);
    }

    [Theory]
    [InlineData("https://h.example/api/rest", "v2/keyspaces/ks/t", "https://h.example/api/rest/v2/keyspaces/ks/t")]
    [InlineData("https://h.example/api/rest/", "/v2/keyspaces/ks/t", "https://h.example/api/rest/v2/keyspaces/ks/t")]
    [InlineData("http://127.0.0.1:1", "track", "http://127.0.0.1:1/track")]
    public void A_base_url_with_a_path_keeps_it_when_joined(string baseUrl, string relative, string expected)
    {
        Assert.Equal(expected, EndpointGuard.Combine(new Uri(baseUrl), relative).ToString());
    }
}
