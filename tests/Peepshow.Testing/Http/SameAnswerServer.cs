using System.Text;
using Microsoft.AspNetCore.Builder;

namespace Peepshow.Testing.Http;

/// <summary>
/// A server that gives every request the same answer: a generic web server, a proxy or a captive portal where the
/// backend should be. A sink pointed at it must not take its <c>200</c> for a delivery.
/// </summary>
public sealed class SameAnswerServer : IAsyncDisposable
{
    private readonly LoopbackServer _server;

    private SameAnswerServer(LoopbackServer server, RequestLog requests)
    {
        _server = server;
        Requests = requests;
    }

    public RequestLog Requests { get; }

    /// <summary>e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl => _server.BaseUrl;

    /// <param name="body">Sent as is; empty sends no body at all.</param>
    public static async Task<SameAnswerServer> StartAsync(int status, string body, string contentType = "application/json", CancellationToken cancellationToken = default)
    {
        var requests = new RequestLog();
        var server = await LoopbackServer.StartAsync(app =>
        {
            app.Use(requests.InvokeAsync);
            app.Run(async context =>
            {
                context.Response.StatusCode = status;
                if (body.Length == 0)
                    return;
                var bytes = Encoding.UTF8.GetBytes(body);
                context.Response.ContentType = contentType;
                context.Response.ContentLength = bytes.Length;
                await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
            });
        }, cancellationToken: cancellationToken);
        return new SameAnswerServer(server, requests);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
