using System.Net;
using System.Net.Http.Headers;
using Peepshow.Sinks.Common.Delivery;

namespace Peepshow.Sinks.Common.Tests;

public sealed class HttpDumpSpecs
{
    [Fact]
    public async Task A_dumped_request_shows_everything_but_the_credentials()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://h.example/api/2.0/sql/statements")
        {
            Content = new StringContent("{\"statement\":\"SELECT 1\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "dapi-secret-123");
        request.Headers.Add("X-Cassandra-Token", "AstraCS:secret");

        var dump = await HttpDump.RequestAsync(request, TestContext.Current.CancellationToken);

        Assert.StartsWith("POST https://h.example/api/2.0/sql/statements\n", dump);
        Assert.Contains("Authorization: Bearer ***", dump);
        Assert.Contains("X-Cassandra-Token: ***", dump);
        Assert.Contains("{\"statement\":\"SELECT 1\"}", dump);
        Assert.DoesNotContain("secret", dump);
    }

    [Fact]
    public async Task An_error_response_becomes_one_bounded_line()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.Forbidden)
        {
            ReasonPhrase = "Forbidden",
            Content = new StringContent("{\"error_code\":403,\n\"message\":\"Invalid access token.\"}\n" + new string('x', 1000)),
        };

        var line = await HttpDump.ResponseLineAsync(response, 80, TestContext.Current.CancellationToken);

        Assert.StartsWith("HTTP 403 Forbidden: {\"error_code\":403, \"message\":\"Invalid access token.\"}", line);
        Assert.DoesNotContain("\n", line);
        Assert.True(line.Length <= "HTTP 403 Forbidden: ".Length + 81);
    }
}
