namespace Peepshow.Testing.Http;

/// <summary>One request as a double received it.</summary>
/// <param name="Query">The query string with its <c>?</c>, or "".</param>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body, string Query = "");
