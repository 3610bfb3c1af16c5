using System.Text;
using Microsoft.AspNetCore.Http;

namespace Peepshow.Testing.Http;

/// <summary>A request exactly as a double received it, kept so specs can assert method, path, headers and bytes.</summary>
public sealed record ReceivedRequest(string Method, string Path, string QueryString, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>The media type without parameters, lower-case (<c>application/json</c>), or null.</summary>
    public string? MediaType => Header("Content-Type")?.Split(';')[0].Trim().ToLowerInvariant();

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public static async Task<ReceivedRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return new ReceivedRequest(request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "", headers, body.ToArray());
    }
}
