using System.Text;
using Microsoft.AspNetCore.Http;

namespace Peepshow.Testing.Http;

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
