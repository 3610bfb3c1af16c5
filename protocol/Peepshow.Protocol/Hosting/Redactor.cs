using System.Text;

namespace Peepshow.Protocol.Hosting;

/// <summary>
/// Replaces known secret values with <c>***</c>. Applied to everything a sink prints, so a secret cannot
/// leak through an error body, an exception message or a dry-run dump even if the sink forgets.
/// </summary>
public sealed class Redactor
{
    public const string Mask = "***";

    private readonly string[] _secrets;

    public Redactor(IEnumerable<string?> secrets)
    {
        // Also hide the encoded forms a secret travels in (Basic auth, URL query strings).
        _secrets = secrets
            .Where(s => !string.IsNullOrEmpty(s) && s.Length >= 4)
            .SelectMany(s => new[]
            {
                s!,
                Convert.ToBase64String(Encoding.UTF8.GetBytes(s + ":")),
                Convert.ToBase64String(Encoding.UTF8.GetBytes(s!)),
                Uri.EscapeDataString(s!),
            })
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length)
            .ToArray();
    }

    public static Redactor None { get; } = new([]);

    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text) || _secrets.Length == 0)
            return text ?? "";
        foreach (var secret in _secrets)
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        return text;
    }

    /// <summary>A writer that redacts every string written through it.</summary>
    public TextWriter Wrap(TextWriter inner) => _secrets.Length == 0 ? inner : new RedactingWriter(inner, this);

    private sealed class RedactingWriter(TextWriter inner, Redactor redactor) : TextWriter
    {
        public override Encoding Encoding => inner.Encoding;

        public override void Write(char value) => inner.Write(value);

        public override void Write(string? value) => inner.Write(redactor.Redact(value));

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        public override void WriteLine(string? value) => inner.WriteLine(redactor.Redact(value));

        public override Task WriteAsync(string? value) => inner.WriteAsync(redactor.Redact(value));

        public override Task WriteLineAsync(string? value) => inner.WriteLineAsync(redactor.Redact(value));

        public override void Flush() => inner.Flush();

        public override Task FlushAsync() => inner.FlushAsync();
    }
}
