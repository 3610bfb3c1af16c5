using System.Text;
using Microsoft.AspNetCore.Http;

namespace Peepshow.Testing.Http;

/// <summary>
/// Records every request a double receives, before faults or auth, so specs can count them
/// ("no HTTP request was made") and inspect what was sent. Use as <c>app.Use(log.InvokeAsync)</c>, first.
/// </summary>
public sealed class RequestLog
{
    private readonly List<RecordedRequest> _requests = [];
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
                return _requests.Count;
        }
    }

    public IReadOnlyList<RecordedRequest> All
    {
        get
        {
            lock (_lock)
                return _requests.ToArray();
        }
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        request.EnableBuffering();
        var body = await new StreamReader(request.Body, Encoding.UTF8, leaveOpen: true).ReadToEndAsync(context.RequestAborted);
        request.Body.Position = 0;
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        lock (_lock)
            _requests.Add(new RecordedRequest(request.Method, request.Path.Value ?? "", headers, body, request.QueryString.Value ?? ""));
        await next(context);
    }
}
