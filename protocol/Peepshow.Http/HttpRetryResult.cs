namespace Peepshow.Http;

/// <summary>What <see cref="HttpRetry.SendAsync"/> came to.</summary>
/// <param name="Response">The last answer; the caller owns it.</param>
/// <param name="Refused">Set when the server asked for a longer wait than the caller sits through, so it stopped.</param>
public sealed record HttpRetryResult(HttpResponseMessage Response, RefusedWait? Refused);
