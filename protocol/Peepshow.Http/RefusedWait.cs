namespace Peepshow.Http;

/// <summary>A server's <c>Retry-After</c> that the caller would not sit through.</summary>
/// <param name="Asked">What the server asked for, unclamped.</param>
/// <param name="Left">What was left of the overall budget when it asked.</param>
public sealed record RefusedWait(TimeSpan Asked, TimeSpan Left);
