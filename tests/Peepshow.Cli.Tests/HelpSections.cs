namespace Peepshow.Cli.Tests;

/// <summary>
/// System.CommandLine's help text split at its section headings (<c>Description:</c>, <c>Usage:</c>, <c>Arguments:</c>,
/// <c>Options:</c>, <c>Commands:</c>, and the <c>Examples:</c> peepshow adds).
/// </summary>
public sealed class HelpSections
{
    private readonly Dictionary<string, List<string>> _sections;

    private HelpSections(Dictionary<string, List<string>> sections) => _sections = sections;

    public static HelpSections Parse(string help)
    {
        var sections = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        foreach (var line in help.Replace("\r", "").Split('\n'))
        {
            if (line.Length > 1 && !line.StartsWith(' ') && line.EndsWith(':'))
                sections[line[..^1]] = current = [];
            else if (line.Length > 0)
                current?.Add(line);
        }
        return new HelpSections(sections);
    }

    public IReadOnlyList<string> Lines(string heading) => _sections.TryGetValue(heading, out var lines) ? lines : [];

    public string Section(string heading) => string.Join('\n', Lines(heading));

    /// <summary>
    /// The first column of each entry: <c>&lt;input&gt;</c>, <c>-e, --emit</c>, <c>add</c>. An entry starts two spaces in;
    /// wrapped descriptions are indented further. A value placeholder (<c>&lt;format&gt;</c>) after an option is dropped.
    /// </summary>
    public IEnumerable<string> Entries(string heading) =>
        Lines(heading)
            .Where(line => line.StartsWith("  ", StringComparison.Ordinal) && line[2] != ' ')
            .Select(line => line[2..].Split("  ", 2)[0])
            .Select(entry => entry.StartsWith('-') || heading == "Commands" ? StripPlaceholders(entry) : entry);

    private static string StripPlaceholders(string entry) =>
        string.Join(' ', entry.Split(' ').TakeWhile(word => !word.StartsWith('<') && !word.StartsWith('['))).TrimEnd(',');
}
