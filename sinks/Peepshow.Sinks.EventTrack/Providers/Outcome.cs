namespace Peepshow.Sinks.EventTrack.Providers;

/// <param name="Reason">What the provider said, on one line.</param>
/// <param name="Hint">What the user can do about it, when the provider's answer points at something specific.</param>
internal sealed record Outcome(bool Accepted, string Reason, string? Hint = null)
{
    public static Outcome Ok { get; } = new(true, "");

    public static Outcome Rejected(string reason, string? hint = null) => new(false, reason, hint);
}
