using System.Collections;
using System.Text;
using System.Text.RegularExpressions;
using Peepshow.Protocol.Hosting;

namespace Peepshow.Core.Sinks;

/// <summary>
/// Hides the values of secret-looking environment variables (names containing TOKEN, KEY, SECRET, PASSWORD,
/// PASSWD or CREDENTIAL, or ending in _PAT) from what peepshow relays or stores of a sink: its stderr, its
/// success line, the error kept in the outbox and the manifest. A sink inherits peepshow's environment, so
/// any of them may print one (<c>curl -v</c> prints the Authorization header). Raw, URL-encoded and base64
/// forms are masked, including base64 of <c>user:secret</c> as Basic auth sends it.
/// </summary>
public sealed partial class SecretRedaction
{
    private const int ShortestSecret = 4;

    private readonly string[] _secrets;
    private readonly Redactor _redactor;

    public SecretRedaction(IEnumerable<string?> secrets)
    {
        _secrets = [.. secrets.OfType<string>().Where(s => s.Length >= ShortestSecret).Distinct(StringComparer.Ordinal)];
        _redactor = new Redactor(_secrets);
    }

    public static SecretRedaction None { get; } = new([]);

    /// <summary>
    /// The secrets of this process's environment, plus those an allowed <c>.env</c> adds (<paramref name="envFileValues"/>):
    /// sinks get both, so both must be masked in whatever they echo back.
    /// </summary>
    public static SecretRedaction FromEnvironment(IReadOnlyDictionary<string, string>? envFileValues = null) =>
        new(Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .Where(e => e.Key is string name && LooksSecret(name))
            .Select(e => e.Value as string)
            .Concat((envFileValues ?? new Dictionary<string, string>()).Where(v => LooksSecret(v.Key)).Select(v => (string?)v.Value)));

    public static bool LooksSecret(string name)
    {
        var upper = name.ToUpperInvariant();
        return upper.Contains("TOKEN", StringComparison.Ordinal) || upper.Contains("KEY", StringComparison.Ordinal)
            || upper.Contains("SECRET", StringComparison.Ordinal) || upper.Contains("PASSWORD", StringComparison.Ordinal)
            || upper.Contains("PASSWD", StringComparison.Ordinal) || upper.Contains("CREDENTIAL", StringComparison.Ordinal)
            || upper.EndsWith("_PAT", StringComparison.Ordinal);
    }

    public string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text) || _secrets.Length == 0)
            return text;
        // base64 of "user:secret" (or of anything around a secret) does not contain the secret's own base64
        // at a fixed place: decode every base64-looking run and mask those that carry a secret, whole, before
        // the plain forms are masked (which could leave the user's half of such a run behind).
        var masked = Base64Run().Replace(text, run => CarriesSecret(run.Value) ? Redactor.Mask : run.Value);
        return _redactor.Redact(masked);
    }

    public SinkProcessResult Redact(SinkProcessResult outcome) => _secrets.Length == 0 ? outcome : outcome with
    {
        Record = Redact(outcome.Record),
        StderrTail = Redact(outcome.StderrTail),
        Error = Redact(outcome.Error),
    };

    private bool CarriesSecret(string run)
    {
        var padded = run.TrimEnd('=').Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        var bytes = new byte[padded.Length];
        if (!Convert.TryFromBase64String(padded, bytes, out var written))
            return false;
        var decoded = Encoding.UTF8.GetString(bytes, 0, written);
        return _secrets.Any(s => decoded.Contains(s, StringComparison.Ordinal));
    }

    [GeneratedRegex("[A-Za-z0-9+/_-]{8,}={0,2}")]
    private static partial Regex Base64Run();
}
