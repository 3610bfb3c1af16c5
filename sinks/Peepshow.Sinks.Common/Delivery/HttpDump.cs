using System.Text;

namespace Peepshow.Sinks.Common.Delivery;

/// <summary>Human-readable requests and responses for <c>--dry-run</c> and error lines, with credentials masked.</summary>
public static class HttpDump
{
    private static readonly HashSet<string> SecretHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Proxy-Authorization", "X-Cassandra-Token", "X-Api-Key", "Cookie",
    };

    /// <summary>The request exactly as it would be sent: method, URL, headers (secrets masked), blank line, body.</summary>
    public static async Task<string> RequestAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        var text = new StringBuilder();
        text.Append(request.Method).Append(' ').Append(request.RequestUri).Append('\n');
        var headers = request.Headers.AsEnumerable();
        if (request.Content is not null)
            headers = headers.Concat(request.Content.Headers);
        foreach (var (name, values) in headers)
        {
            var value = string.Join(", ", values);
            text.Append(name).Append(": ").Append(SecretHeaders.Contains(name) ? MaskScheme(value) : value).Append('\n');
        }
        if (request.Content is not null)
            text.Append('\n').Append(await request.Content.ReadAsStringAsync(cancellationToken)).Append('\n');
        return text.ToString();
    }

    /// <summary>One line for an error message: status plus the start of the body, flattened.</summary>
    public static async Task<string> ResponseLineAsync(HttpResponseMessage response, int maxBodyChars = 300, CancellationToken cancellationToken = default)
    {
        var body = response.Content is null ? "" : await response.Content.ReadAsStringAsync(cancellationToken);
        body = string.Join(' ', body.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        if (body.Length > maxBodyChars)
            body = body[..maxBodyChars] + "…";
        var status = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd();
        return body.Length == 0 ? status : $"{status}: {body}";
    }

    // "Bearer abc" → "Bearer ***": the scheme helps debugging, the credential never shows.
    private static string MaskScheme(string value)
    {
        var space = value.IndexOf(' ');
        return space > 0 ? value[..space] + " ***" : "***";
    }
}
