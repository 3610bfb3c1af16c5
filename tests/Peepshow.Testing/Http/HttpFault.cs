using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Peepshow.Testing.Http;

/// <summary>
/// One scripted misbehaviour of a backend double: a canned status/body/headers, a dropped connection, a delay.
/// <see cref="AfterProcessing"/> applies it after the double has stored the request's data, which is how a
/// real service loses the answer to a write that happened ("was it ingested?"): the case idempotency is for.
/// </summary>
public sealed record HttpFault
{
    public int Status { get; init; } = 500;

    public string Body { get; init; } = "";

    public string ContentType { get; init; } = "text/plain";

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Abort the TCP connection instead of answering.</summary>
    public bool Drop { get; init; }

    /// <summary>Let the double process (and store) the request first, then misbehave.</summary>
    public bool AfterProcessing { get; init; }

    public TimeSpan Delay { get; init; }

    public static HttpFault Respond(int status, string body = "", string contentType = "text/plain") =>
        new() { Status = status, Body = body, ContentType = contentType };

    /// <summary>A throttling answer (429 by default) with <c>Retry-After: seconds</c>.</summary>
    public static HttpFault RetryAfter(int seconds, int status = 429, string body = "", string contentType = "text/plain") =>
        Respond(status, body, contentType) with { Headers = new Dictionary<string, string> { ["Retry-After"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) } };

    public static HttpFault DropConnection(bool afterProcessing = false) => new() { Drop = true, AfterProcessing = afterProcessing };

    public async Task ApplyAsync(HttpContext context)
    {
        if (Delay > TimeSpan.Zero)
            await Task.Delay(Delay, context.RequestAborted);
        if (Drop)
        {
            context.Abort();
            return;
        }
        context.Response.StatusCode = Status;
        foreach (var (name, value) in Headers)
            context.Response.Headers[name] = value;
        if (Body.Length > 0)
        {
            context.Response.ContentType = ContentType;
            await context.Response.WriteAsync(Body, context.RequestAborted);
        }
    }
}

/// <summary>Faults for the next requests, in order; a request that finds the queue empty is served normally.</summary>
public sealed class FaultScript
{
    private readonly ConcurrentQueue<HttpFault> _queue = new();

    public void Enqueue(HttpFault fault, int times = 1)
    {
        for (var i = 0; i < times; i++)
            _queue.Enqueue(fault);
    }

    public HttpFault? Next() => _queue.TryDequeue(out var fault) ? fault : null;

    public int Pending => _queue.Count;
}
