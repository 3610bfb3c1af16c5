using System.Text;
using Microsoft.AspNetCore.Http;

namespace Peepshow.Testing.Http;

/// <summary>
/// A scripted misbehaviour for a request a double receives: a replacement status/body/headers, a delay,
/// a dropped connection, or any of those applied AFTER the double handled the request (its state changed,
/// e.g. the row was committed, but the client never hears so, which is what proves idempotency).
/// </summary>
public sealed record HttpFault
{
    /// <summary>Replacement status; 0 keeps the double's own answer.</summary>
    public int Status { get; init; }

    public string? Body { get; init; }

    public string ContentType { get; init; } = "application/json";

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>Waited before anything else happens (a slow gateway or a slow backend).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Abort the TCP connection instead of answering.</summary>
    public bool DropConnection { get; init; }

    /// <summary>Let the double handle the request first and throw its answer away.</summary>
    public bool AfterHandling { get; init; }

    /// <summary>Which requests this fault is for; null matches any.</summary>
    public Func<HttpRequest, bool>? When { get; init; }

    public static HttpFault Respond(int status, string? body = null, params (string Name, string Value)[] headers) =>
        new() { Status = status, Body = body, Headers = headers.Select(h => KeyValuePair.Create(h.Name, h.Value)).ToArray() };

    public static HttpFault Drop() => new() { DropConnection = true };

    public static HttpFault DropAfterHandling() => new() { DropConnection = true, AfterHandling = true };

    public static HttpFault Slow(TimeSpan delay) => new() { Delay = delay };

    /// <summary>Restricts the fault to one method and a path prefix, e.g. <c>("POST", "/api/2.0/sql/statements")</c>.</summary>
    public HttpFault For(string method, string pathPrefix) => this with
    {
        When = r => HttpMethods.Equals(r.Method, method) && r.Path.StartsWithSegments(pathPrefix, StringComparison.Ordinal),
    };
}

/// <summary>
/// Faults queued for the next matching requests, applied by a middleware in front of a double's endpoints:
/// <c>app.Use(faults.InvokeAsync)</c>. Each queued fault is used once, in order.
/// </summary>
public sealed class FaultQueue
{
    private readonly List<HttpFault> _pending = [];
    private readonly Lock _lock = new();

    public void Enqueue(HttpFault fault, int times = 1)
    {
        lock (_lock)
            for (var i = 0; i < times; i++)
                _pending.Add(fault);
    }

    public int Pending
    {
        get
        {
            lock (_lock)
                return _pending.Count;
        }
    }

    public void Clear()
    {
        lock (_lock)
            _pending.Clear();
    }

    private HttpFault? Take(HttpRequest request)
    {
        lock (_lock)
        {
            var index = _pending.FindIndex(f => f.When is null || f.When(request));
            if (index < 0)
                return null;
            var fault = _pending[index];
            _pending.RemoveAt(index);
            return fault;
        }
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var fault = Take(context.Request);
        if (fault is null)
        {
            await next(context);
            return;
        }

        if (fault.Delay > TimeSpan.Zero)
            await Task.Delay(fault.Delay, context.RequestAborted);

        if (fault.AfterHandling)
        {
            // Buffer the double's answer so nothing reaches the socket before we decide what the client gets.
            var original = context.Response.Body;
            using var buffer = new MemoryStream();
            context.Response.Body = buffer;
            try
            {
                await next(context);
            }
            finally
            {
                context.Response.Body = original;
            }
            if (!fault.DropConnection && fault.Status == 0)
            {
                buffer.Position = 0;
                await buffer.CopyToAsync(original, context.RequestAborted);
                return;
            }
            context.Response.Clear();
        }

        if (fault.DropConnection)
        {
            context.Abort();
            return;
        }

        if (fault.Status == 0)
        {
            if (!fault.AfterHandling)
                await next(context);
            return;
        }

        context.Response.StatusCode = fault.Status;
        foreach (var (name, value) in fault.Headers)
            context.Response.Headers[name] = value;
        if (fault.Body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(fault.Body);
            context.Response.ContentType = fault.ContentType;
            context.Response.ContentLength = bytes.Length;
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        }
    }
}
