namespace Peepshow.Protocol.Hosting;

/// <summary>Environment lookups with the error messages every sink should give. Blank counts as unset.</summary>
public sealed class SinkEnvironment(Func<string, string?> lookup)
{
    public static SinkEnvironment Process { get; } = new(Environment.GetEnvironmentVariable);

    public string? Get(string name)
    {
        var value = lookup(name);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    public string GetOrDefault(string name, string fallback) => Get(name) ?? fallback;

    /// <summary>Returns the value or fails with exit 2 naming the variable and what it is for.</summary>
    public string Require(string name, string purpose) =>
        Get(name) ?? throw SinkException.Config($"{name} is not set ({purpose})");

    public bool IsOn(string name) => Get(name) is "1" or "true" or "TRUE" or "True" or "yes";

    /// <summary>A positive integer, or the fallback when unset; anything else is a config error.</summary>
    public int GetPositiveInt(string name, int fallback)
    {
        var text = Get(name);
        if (text is null)
            return fallback;
        return int.TryParse(text, out var value) && value > 0
            ? value
            : throw SinkException.Config($"{name} must be a positive whole number, got '{text}'");
    }
}
