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
