using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Peepshow.Testing;

/// <summary>
/// The one check, for every spec project, that a secret never reached what a program printed or wrote: in none of
/// the forms a secret travels in and peepshow masks: raw, URL-encoded (either way), base64, and base64 of Basic
/// auth's <c>user:secret</c>. The last has no fixed text (the user varies), so every base64-looking run is decoded.
/// </summary>
public static partial class SecretLeaks
{
    /// <summary>Fails (throws <see cref="SecretLeakedException"/>) naming the form found; secrets shorter than 4 characters are not masked, so not checked.</summary>
    public static void AssertNone(string output, params IEnumerable<string?> secrets)
    {
        foreach (var secret in secrets.OfType<string>().Where(s => s.Length >= 4).Distinct(StringComparer.Ordinal))
        {
            if (FormIn(output, secret) is { } form)
                throw new SecretLeakedException($"a secret leaked ({form}) into:\n{output}");
        }
    }

    /// <summary>How <paramref name="secret"/> appears in <paramref name="output"/>, or null when it does not.</summary>
    public static string? FormIn(string output, string secret)
    {
        if (output.Contains(secret, StringComparison.Ordinal))
            return "raw";
        if (output.Contains(Uri.EscapeDataString(secret), StringComparison.Ordinal) || output.Contains(WebUtility.UrlEncode(secret), StringComparison.Ordinal))
            return "URL-encoded";
        foreach (Match run in Base64Run().Matches(output))
        {
            // A run may start with a few characters glued to the encoded text (a key, "Basic"): try each alignment.
            for (var skip = 0; skip < 4 && run.Length - skip >= 8; skip++)
            {
                if (Decode(run.Value[skip..]) is { } text && text.Contains(secret, StringComparison.Ordinal))
                    return $"base64 '{run.Value}'";
            }
        }
        return null;
    }

    private static string? Decode(string run)
    {
        var standard = run.TrimEnd('=').Replace('-', '+').Replace('_', '/');
        standard += new string('=', (4 - standard.Length % 4) % 4);
        var bytes = new byte[standard.Length];
        return Convert.TryFromBase64String(standard, bytes, out var written) ? Encoding.UTF8.GetString(bytes, 0, written) : null;
    }

    [GeneratedRegex("[A-Za-z0-9+/_-]{8,}={0,2}")]
    private static partial Regex Base64Run();
}
