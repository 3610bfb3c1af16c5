using Microsoft.AspNetCore.Builder;

namespace Peepshow.Testing.Http;

/// <summary>
/// A backend that answers every request with a redirect to the same path and query on <see cref="Target"/>: what a
/// hostile or misconfigured proxy does to lure a sink's credentials and payload to another host. Put a real double
/// behind <see cref="Target"/> and assert it received nothing.
/// </summary>
public sealed class RedirectServer : IAsyncDisposable
{
    private readonly LoopbackServer _server;

    private RedirectServer(LoopbackServer server, string target, int status, RequestLog requests)
    {
        _server = server;
        Target = target;
        Status = status;
        Requests = requests;
    }

    /// <summary>Where every request is sent on, e.g. <c>http://127.0.0.1:40001</c> (another loopback port).</summary>
    public string Target { get; }

    /// <summary>301, 302, 303, 307 or 308.</summary>
    public int Status { get; }

    /// <summary>The requests the redirecting server itself received.</summary>
    public RequestLog Requests { get; }

    /// <summary>e.g. <c>http://127.0.0.1:41234</c>: what the sink is configured with.</summary>
    public string BaseUrl => _server.BaseUrl;

    /// <param name="target">Scheme, host and port (and optionally a path prefix) the redirects point at.</param>
    public static async Task<RedirectServer> StartAsync(string target, int status, CancellationToken cancellationToken = default)
    {
        var requests = new RequestLog();
        var server = await LoopbackServer.StartAsync(app =>
        {
            app.Use(requests.InvokeAsync);
            app.Run(context =>
            {
                context.Response.StatusCode = status;
                context.Response.Headers.Location = target.TrimEnd('/') + context.Request.Path + context.Request.QueryString;
                return Task.CompletedTask;
            });
        }, cancellationToken: cancellationToken);
        return new RedirectServer(server, target, status, requests);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
