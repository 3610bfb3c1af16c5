using System.Security.Cryptography;
using System.Text;

namespace Peepshow.Sinks.EventTrack;

/// <summary>
/// The event's idempotency key (Mixpanel <c>$insert_id</c>, Amplitude <c>insert_id</c>, Segment <c>messageId</c>),
/// derived only from the run id and the event name, so every retry and every outbox replay of a run sends the
/// same key and the provider counts the run once, while two event names for one run never collide.
/// </summary>
/// <remarks>
/// Mixpanel allows at most 36 characters of <c>[A-Za-z0-9-]</c>, the tightest of the three, so one key fits all:
/// <list type="bullet">
/// <item><c>&lt;runId&gt;-&lt;8 hex&gt;</c> when the run id is at most 27 characters of that alphabet (every id peepshow
/// makes, e.g. <c>20261120T235959123-k3x9q2-c8e7ec7d</c>): readable, so an event can be traced back to its run folder;</item>
/// <item>otherwise 32 hex characters. It has no <c>-</c>, so it can never equal a key of the first form.</item>
/// </list>
/// The hex comes from SHA-256 over the run id and event name (a NUL between them keeps "a"+"bc" and "ab"+"c" apart).
/// </remarks>
internal static class DedupeKey
{
    public const int MaxLength = 36;
    private const int SuffixLength = 8;

    public static string For(string runId, string eventName)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{runId}\0{eventName}")));
        return runId.Length + 1 + SuffixLength <= MaxLength && IsKeyAlphabet(runId)
            ? $"{runId}-{hash[..SuffixLength]}"
            : hash[..32];
    }

    /// <summary>What Mixpanel accepts as <c>$insert_id</c>.</summary>
    public static bool IsValid(string key) => key.Length is > 0 and <= MaxLength && IsKeyAlphabet(key);

    private static bool IsKeyAlphabet(string text) =>
        text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
