using System.Collections;

namespace Peepshow.Core.Processes;

/// <summary>
/// The environment variables a program runs with. The process's own are read here and nowhere else; a program's
/// host (the CLI's <c>Program.cs</c>) takes <see cref="Process"/> and hands it down, and everything below reads
/// through <see cref="Get"/>. Changes are layered on top (an allowed <c>.env</c>, a spec's own variables) and
/// passed to every child process, so a sink or a transcriber command sees exactly what peepshow saw.
/// </summary>
public sealed class EnvironmentVariables
{
    private readonly Dictionary<string, string?> _changes;

    private EnvironmentVariables(Dictionary<string, string?> changes) => _changes = changes;

    /// <summary>This process's environment, unchanged.</summary>
    public static EnvironmentVariables Process { get; } = new(new Dictionary<string, string?>(StringComparer.Ordinal));

    /// <summary>Only <paramref name="values"/>: every variable of this process is removed, for child processes too.</summary>
    public static EnvironmentVariables Only(IEnumerable<KeyValuePair<string, string?>> values) =>
        Process.With(Process.All().Select(v => KeyValuePair.Create(v.Key, (string?)null))).With(values);

    /// <summary>What a child process must be given on top of the environment it inherits from this process (null removes a variable).</summary>
    public IReadOnlyDictionary<string, string?> Changes => _changes;

    /// <summary>The value of <paramref name="name"/>, or null when it is not set.</summary>
    public string? Get(string name) =>
        _changes.TryGetValue(name, out var value) ? value : Environment.GetEnvironmentVariable(name);

    /// <summary>
    /// The temporary folder for these variables: <c>TMPDIR</c> when it is set, else this process's (which
    /// <see cref="Path.GetTempPath"/> reads from the process alone, so a run given its own TMPDIR would miss it).
    /// A relative value is left relative, for the caller to resolve against its working folder.
    /// </summary>
    public string TempFolder() => Get("TMPDIR") is { Length: > 0 } tmp ? tmp : Path.GetTempPath();

    /// <summary>The user's home folder (what <c>~</c> means): see <see cref="HomeFolder(Func{string, string?})"/>.</summary>
    public string HomeFolder() => HomeFolder(Get);

    /// <summary>
    /// The user's home folder for a variable lookup: <c>HOME</c> when it is set, else the account's profile folder as
    /// .NET finds it (the password database when the process has no <c>HOME</c> either, as under some service managers).
    /// </summary>
    public static string HomeFolder(Func<string, string?> env) =>
        env("HOME") is { } home && !string.IsNullOrWhiteSpace(home) ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    /// <summary>These variables with <paramref name="changes"/> on top: a value sets one, null removes it.</summary>
    public EnvironmentVariables With(IEnumerable<KeyValuePair<string, string?>> changes)
    {
        var merged = new Dictionary<string, string?>(_changes, StringComparer.Ordinal);
        foreach (var (name, value) in changes)
            merged[name] = value;
        return new EnvironmentVariables(merged);
    }

    /// <summary>Every variable that is set, with its value (for masking secret values in what sinks print).</summary>
    public IEnumerable<KeyValuePair<string, string>> All()
    {
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && !_changes.ContainsKey(name) && entry.Value is string value)
                yield return KeyValuePair.Create(name, value);
        }
        foreach (var (name, value) in _changes)
        {
            if (value is not null)
                yield return KeyValuePair.Create(name, value);
        }
    }
}
