namespace Peepshow.Testing.Doubles.Stargate;

/// <summary>One request as the double received it, faulted ones included, for specs to assert on.</summary>
/// <param name="Target">The raw request target, percent-encoding intact (path and query).</param>
public sealed record StargateRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
