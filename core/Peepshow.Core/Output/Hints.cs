namespace Peepshow.Core.Output;

/// <summary>Short next-step hints on stderr (the original npm peepshow's documented behaviour). Never fatal; <c>PEEPSHOW_NO_HINTS=1</c> silences them.</summary>
public static class Hints
{
    public const string DisableEnv = "PEEPSHOW_NO_HINTS";

    public static bool Enabled(Func<string, string?>? env = null)
    {
        var value = (env ?? Environment.GetEnvironmentVariable)(DisableEnv);
        return string.IsNullOrEmpty(value) || value is "0" or "false";
    }

    public static void Write(TextWriter stderr, string? hint, Func<string, string?>? env = null)
    {
        if (!string.IsNullOrWhiteSpace(hint) && Enabled(env))
            stderr.WriteLine($"peepshow: hint: {hint}");
    }
}
