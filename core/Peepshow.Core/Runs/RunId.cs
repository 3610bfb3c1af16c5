using System.Globalization;
using System.Security.Cryptography;

namespace Peepshow.Core.Runs;

/// <summary>
/// A run's id: <c>yyyyMMdd'T'HHmmssfff-xxxxxx</c> (UTC time, then six lower-case base36 random characters).
/// Sorts by time as plain text and is safe as a file name, a table key and an analytics dedupe key.
/// </summary>
public static class RunId
{
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

    public static string New(DateTimeOffset now)
    {
        Span<char> suffix = stackalloc char[6];
        for (var i = 0; i < suffix.Length; i++)
            suffix[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return now.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture) + "-" + new string(suffix);
    }

    public static bool IsValid(string? id) =>
        id is { Length: 25 } && id[8] == 'T' && id[18] == '-'
        && DateTime.TryParseExact(id[..18], "yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
        && id[19..].All(c => Alphabet.Contains(c));
}
