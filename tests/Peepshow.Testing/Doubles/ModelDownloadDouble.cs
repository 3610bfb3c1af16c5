using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Peepshow.Testing.Http;

namespace Peepshow.Testing.Doubles;

/// <summary>Serves <c>/ggml-&lt;model&gt;.bin</c> on loopback in place of the Hugging Face model location.</summary>
public sealed class ModelDownloadDouble : IAsyncDisposable
{
    public const int ModelBytes = 256 * 1024;

    private LoopbackServer? _server;

    public ConcurrentDictionary<string, ModelReply> Replies { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> Requested { get; } = new();

    /// <summary>What <see cref="ModelReply.Model"/> and <see cref="ModelReply.Corrupt"/> serve per file; <see cref="FakeModel"/> when absent.</summary>
    public ConcurrentDictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

    public Uri BaseUrl => _server?.BaseUri ?? throw new InvalidOperationException("not started");

    /// <summary>Bytes that pass for a ggml model: the magic, then filler.</summary>
    public static byte[] FakeModel(int length = ModelBytes)
    {
        var bytes = new byte[length];
        "lmgg"u8.CopyTo(bytes);
        for (var i = 4; i < length; i++)
            bytes[i] = (byte)(i * 31);
        return bytes;
    }

    public async Task<ModelDownloadDouble> StartAsync(CancellationToken cancellationToken = default)
    {
        _server = await LoopbackServer.StartAsync(app => app.MapGet("/{file}", ServeAsync), cancellationToken: cancellationToken);
        return this;
    }

    private async Task ServeAsync(HttpContext context, string file)
    {
        Requested.Enqueue(file);
        var reply = Replies.GetValueOrDefault(file, ModelReply.NotFound);
        switch (reply)
        {
            case ModelReply.Model or ModelReply.Corrupt:
                var model = Files.TryGetValue(file, out var content) ? content.ToArray() : FakeModel();
                if (reply == ModelReply.Corrupt)
                    model[model.Length / 2] ^= 0x5a;
                context.Response.ContentType = "application/octet-stream";
                context.Response.ContentLength = model.Length;
                await context.Response.Body.WriteAsync(model, context.RequestAborted);
                break;
            case ModelReply.Html:
                var html = Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body>Sign in to continue</body></html>");
                context.Response.ContentType = "text/html";
                context.Response.ContentLength = html.Length;
                await context.Response.Body.WriteAsync(html, context.RequestAborted);
                break;
            case ModelReply.Truncated:
                var full = FakeModel();
                context.Response.ContentLength = full.Length;
                await context.Response.Body.WriteAsync(full.AsMemory(0, full.Length / 2), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                context.Abort();
                break;
            default:
                context.Response.StatusCode = 404;
                await context.Response.WriteAsync("Entry not found", context.RequestAborted);
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }
}
