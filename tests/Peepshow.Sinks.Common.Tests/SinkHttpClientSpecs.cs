using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Peepshow.Http;
using Peepshow.Protocol;
using Peepshow.Protocol.Hosting;
using Peepshow.Sinks.Common.Delivery;
using Peepshow.Testing.Http;

namespace Peepshow.Sinks.Common.Tests;

public sealed class SinkHttpClientSpecs
{
    // Fast backoff so retry specs take milliseconds; Retry-After keeps its documented 1 s floor.
    private static readonly RetryPolicy Fast = RetryPolicy.Default with { BaseDelay = TimeSpan.FromMilliseconds(5), Overall = TimeSpan.FromSeconds(20) };

    private static async Task<(LoopbackServer Server, Func<int> Hits)> ServeAsync(Func<int, HttpContext, Task> respond)
    {
        var hits = 0;
        var server = await LoopbackServer.StartAsync(app => app.Map("/write", async context =>
        {
            var hit = Interlocked.Increment(ref hits);
            await respond(hit, context);
        }));
        return (server, () => hits);
    }

    private static Func<HttpRequestMessage> Post(LoopbackServer server) =>
        () => new HttpRequestMessage(HttpMethod.Post, server.BaseUrl + "/write") { Content = new StringContent("{}") };

    [Theory(Timeout = 30000)]
    [InlineData(503)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(504)]
    [InlineData(408)]
    public async Task A_transient_status_is_retried_until_the_backend_accepts(int status)
    {
        var (server, hits) = await ServeAsync((hit, ctx) =>
        {
            ctx.Response.StatusCode = hit <= 2 ? status : 201;
            return Task.CompletedTask;
        });
        await using var _ = server;
        var log = new StringWriter();
        using var client = new SinkHttpClient(Fast, log);

        using var response = await client.SendAsync(Post(server), "POST /write", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(3, hits());
        Assert.Equal(3, client.Attempts);
        Assert.Contains($"HTTP {status}", log.ToString());
    }

    [Theory(Timeout = 30000)]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(413)]
    [InlineData(501)]
    [InlineData(505)]
    public async Task A_status_that_cannot_change_is_returned_after_one_attempt(int status)
    {
        var (server, hits) = await ServeAsync((_, ctx) =>
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        });
        await using var _ = server;
        using var client = new SinkHttpClient(Fast, TextWriter.Null);

        using var response = await client.SendAsync(Post(server), "POST /write", TestContext.Current.CancellationToken);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(1, hits());
    }

    [Fact(Timeout = 30000)]
    public async Task A_429_waits_as_long_as_Retry_After_says()
    {
        var (server, hits) = await ServeAsync((hit, ctx) =>
        {
            if (hit == 1)
            {
                ctx.Response.StatusCode = 429;
                ctx.Response.Headers.RetryAfter = "1";
            }
            return Task.CompletedTask;
        });
        await using var _ = server;
        using var client = new SinkHttpClient(Fast, TextWriter.Null);
        var clock = Stopwatch.StartNew();

        using var response = await client.SendAsync(Post(server), "POST /write", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, hits());
        // The fast policy would retry after ≤ 5 ms; only Retry-After explains a full second.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"retried after {clock.Elapsed}");
    }

    [Fact(Timeout = 30000)]
    public async Task A_dropped_connection_is_retried()
    {
        var (server, hits) = await ServeAsync((hit, ctx) =>
        {
            if (hit == 1)
                ctx.Abort();
            return Task.CompletedTask;
        });
        await using var _ = server;
        using var client = new SinkHttpClient(Fast, TextWriter.Null);

        using var response = await client.SendAsync(Post(server), "POST /write", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, hits());
    }

    [Fact(Timeout = 30000)]
    public async Task A_backend_that_keeps_failing_gets_exactly_the_attempt_budget()
    {
        var (server, hits) = await ServeAsync((_, ctx) =>
        {
            ctx.Response.StatusCode = 503;
            return Task.CompletedTask;
        });
        await using var _ = server;
        using var client = new SinkHttpClient(Fast with { MaxAttempts = 4 }, TextWriter.Null);

        using var response = await client.SendAsync(Post(server), "POST /write", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(4, hits());
    }

    [Fact(Timeout = 30000)]
    public async Task A_refused_connection_fails_with_exit_5_after_every_attempt()
    {
        var port = LoopbackServer.UnusedPort();
        using var client = new SinkHttpClient(Fast with { MaxAttempts = 3 }, TextWriter.Null);

        var ex = await Assert.ThrowsAsync<SinkException>(() => client.SendAsync(
            () => new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/"), "GET /", TestContext.Current.CancellationToken));

        Assert.Equal(SinkExitCodes.RemoteFailure, ex.ExitCode);
        Assert.Contains("after 3 attempt(s)", ex.Message);
        Assert.Equal(3, client.Attempts);
    }

    [Fact(Timeout = 30000)]
    public async Task A_failed_request_counts_only_its_own_attempts_after_earlier_requests_succeeded()
    {
        var (server, _) = await ServeAsync((_, _) => Task.CompletedTask);
        await using var __ = server;
        var refused = $"http://127.0.0.1:{LoopbackServer.UnusedPort()}/";
        using var client = new SinkHttpClient(Fast with { MaxAttempts = 2 }, TextWriter.Null);
        (await client.SendAsync(Post(server), "POST /write", TestContext.Current.CancellationToken)).Dispose();
        (await client.SendAsync(Post(server), "POST /write", TestContext.Current.CancellationToken)).Dispose();

        var ex = await Assert.ThrowsAsync<SinkException>(() => client.SendAsync(
            () => new HttpRequestMessage(HttpMethod.Get, refused), "GET /", TestContext.Current.CancellationToken));

        Assert.Contains("after 2 attempt(s)", ex.Message);
        Assert.Equal(4, client.Attempts);
    }

    [Fact(Timeout = 30000)]
    public async Task A_backend_that_never_answers_hits_the_overall_deadline()
    {
        var (server, _) = await ServeAsync(async (_, ctx) => await Task.Delay(TimeSpan.FromSeconds(20), ctx.RequestAborted));
        await using var __ = server;
        var env = new SinkEnvironment(name => name == EnvNames.SinkMaxSeconds ? "1" : null);
        using var client = new SinkHttpClient(RetryPolicy.FromEnvironment(env), TextWriter.Null);
        var clock = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<SinkException>(() => client.SendAsync(Post(server), "POST /write", TestContext.Current.CancellationToken));

        Assert.Equal(SinkExitCodes.RemoteFailure, ex.ExitCode);
        Assert.Contains("no answer within 1 s", ex.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"gave up after {clock.Elapsed}");
    }

    [Theory(Timeout = 30000)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task A_redirect_within_the_same_host_and_port_that_keeps_the_method_is_followed(int status)
    {
        var moved = new List<string>();
        var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/write", context =>
            {
                context.Response.StatusCode = status;
                context.Response.Headers.Location = "/v2/write?x=1";
                return Task.CompletedTask;
            });
            app.MapPost("/v2/write", async context =>
            {
                moved.Add(await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted));
                context.Response.StatusCode = 201;
            });
        }, cancellationToken: TestContext.Current.CancellationToken);
        await using var _ = server;
        using var client = new SinkHttpClient(Fast, TextWriter.Null);

        using var response = await client.SendAsync(Post(server), "POST /write", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(["{}"], moved);
    }

    [Theory(Timeout = 30000)]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(303)]
    public async Task A_redirect_that_would_turn_a_POST_into_a_GET_is_a_config_error_even_on_the_same_host(int status)
    {
        var (server, hits) = await ServeAsync((_, ctx) =>
        {
            ctx.Response.StatusCode = status;
            ctx.Response.Headers.Location = "/elsewhere";
            return Task.CompletedTask;
        });
        await using var _ = server;
        using var client = new SinkHttpClient(Fast, TextWriter.Null) { EndpointVariable = "BACKEND_URL" };

        var ex = await Assert.ThrowsAsync<SinkException>(() => client.SendAsync(Post(server), "POST /write", TestContext.Current.CancellationToken));

        Assert.Equal(SinkExitCodes.InvalidConfig, ex.ExitCode);
        Assert.Contains($"redirected to {server.BaseUrl}/elsewhere (HTTP {status})", ex.Message);
        Assert.Contains("BACKEND_URL", ex.Message);
        Assert.Equal(1, hits());
    }

    public static TheoryData<string, string> CrossOriginRedirects => new()
    {
        { "https://backend.example/write", "http://backend.example/write" },
        { "https://backend.example/write", "https://backend.example:8443/write" },
        { "https://backend.example/write", "https://attacker.example/write" },
        { "https://backend.example/write", "https://user:hunter2@attacker.example/write?sig=abc" },
    };

    [Theory(Timeout = 30000)]
    [MemberData(nameof(CrossOriginRedirects))]
    public async Task A_redirect_to_another_scheme_host_or_port_is_never_followed(string from, string to)
    {
        var sent = new List<Uri>();
        var handler = new ScriptedHandler(request =>
        {
            sent.Add(request.RequestUri!);
            var response = new HttpResponseMessage(HttpStatusCode.TemporaryRedirect);
            response.Headers.Location = new Uri(to);
            return response;
        });
        using var client = new SinkHttpClient(Fast, TextWriter.Null, handler: handler) { EndpointVariable = "BACKEND_URL" };

        var ex = await Assert.ThrowsAsync<SinkException>(() => client.SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, from) { Content = new StringContent("{}") }, "POST /write", TestContext.Current.CancellationToken));

        Assert.Equal(SinkExitCodes.InvalidConfig, ex.ExitCode);
        Assert.Equal([new Uri(from)], sent);
        Assert.Contains("BACKEND_URL", ex.Message);
        Assert.DoesNotContain("hunter2", ex.Message);
        Assert.DoesNotContain("sig=abc", ex.Message);
    }

    [Fact(Timeout = 30000)]
    public async Task A_Retry_After_longer_than_the_budget_left_stops_at_once_with_both_numbers()
    {
        var (server, hits) = await ServeAsync((_, ctx) =>
        {
            ctx.Response.StatusCode = 503;
            ctx.Response.Headers.RetryAfter = "900";
            return Task.CompletedTask;
        });
        await using var _ = server;
        using var client = new SinkHttpClient(Fast with { Overall = TimeSpan.FromSeconds(8) }, TextWriter.Null);
        var clock = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<SinkException>(() => client.SendAsync(Post(server), "POST /write", TestContext.Current.CancellationToken));

        Assert.Equal(SinkExitCodes.RemoteFailure, ex.ExitCode);
        Assert.Matches(@"^POST /write: HTTP 503 Service Unavailable; the server asked to retry after 900 s, more than the [78] s left of the retry budget", ex.Message);
        Assert.Equal(1, hits());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"gave up after {clock.Elapsed}");
    }

    [Fact(Timeout = 30000)]
    public async Task A_Retry_After_within_the_budget_is_still_waited_for()
    {
        var (server, hits) = await ServeAsync((hit, ctx) =>
        {
            if (hit == 1)
            {
                ctx.Response.StatusCode = 503;
                ctx.Response.Headers.RetryAfter = "1";
            }
            return Task.CompletedTask;
        });
        await using var _ = server;
        using var client = new SinkHttpClient(Fast with { Overall = TimeSpan.FromSeconds(8) }, TextWriter.Null);

        using var response = await client.SendAsync(Post(server), "POST /write", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, hits());
    }

    private sealed class ScriptedHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer(request));
    }
}
