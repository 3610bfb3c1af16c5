using System.Text;
using System.Xml.Linq;
using Peepshow.Testing;

namespace Peepshow.Cli.Tests;

/// <summary>
/// One <c>peepshow …</c> command from a fenced <c>sh</c> block of README.md or docs/ (a pipeline's peepshow part,
/// or what follows <c>--</c> in <c>claude mcp add peepshow -- peepshow mcp</c>), split into words as the shell would,
/// with comments dropped and a <c>&lt;placeholder&gt;</c> word replaced by a sample value.
/// </summary>
public sealed record DocExample(string Where, IReadOnlyList<string> Arguments)
{
    private static readonly string[] Languages = ["sh", "bash", "shell", "console"];

    public override string ToString() => $"{Where}: peepshow {string.Join(' ', Arguments)}";

    public static IReadOnlyList<DocExample> All()
    {
        var root = SpecClients.RepositoryRoot();
        var files = new[] { Path.Combine(root, "README.md") }
            .Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
        return files.SelectMany(file => Read(file, Path.GetRelativePath(root, file))).ToList();
    }

    /// <summary>The sinks the repository ships: the <c>peepshow-sink-*</c> assembly names under sinks/.</summary>
    public static IReadOnlySet<string> ShippedSinks() =>
        Directory.GetFiles(Path.Combine(SpecClients.RepositoryRoot(), "sinks"), "*.csproj", SearchOption.AllDirectories)
            .Select(project => XDocument.Load(project).Descendants("AssemblyName").FirstOrDefault()?.Value.Trim())
            .OfType<string>()
            .Where(name => name.StartsWith("peepshow-sink-", StringComparison.Ordinal))
            .Select(name => name["peepshow-sink-".Length..])
            .ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<DocExample> Read(string file, string shown)
    {
        var lines = File.ReadAllLines(file);
        var inBlock = false;
        var commands = false;
        var pending = new StringBuilder();
        var startLine = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                commands = !inBlock && Languages.Contains(line.Trim()[3..].Trim());
                inBlock = !inBlock;
                continue;
            }
            if (!inBlock || !commands)
                continue;
            if (pending.Length == 0)
                startLine = i + 1;
            var text = line.TrimStart();
            if (text.StartsWith("$ ", StringComparison.Ordinal))
                text = text[2..];
            // A trailing backslash continues the command on the next line.
            if (text.EndsWith('\\'))
            {
                pending.Append(text[..^1]).Append(' ');
                continue;
            }
            pending.Append(text);
            foreach (var arguments in PeepshowCommands(ShellWords.Split(pending.ToString())))
                yield return new DocExample($"{shown}:{startLine}", arguments);
            pending.Clear();
        }
    }

    /// <summary>Each peepshow invocation in a command line: pipeline and list parts that start with it, or follow <c>--</c>.</summary>
    private static IEnumerable<IReadOnlyList<string>> PeepshowCommands(IReadOnlyList<string> words)
    {
        var part = new List<string>();
        var redirect = false;
        foreach (var word in words.Append("|"))
        {
            // `> run.json`: the shell's business, not peepshow's argument.
            if (redirect || word is ">" or ">>")
            {
                redirect = !redirect;
                continue;
            }
            if (word is "|" or "&&" or "||" or ";")
            {
                var start = Enumerable.Range(0, part.Count).FirstOrDefault(i => part[i] == "peepshow" && (i == 0 || part[i - 1] == "--"), -1);
                if (start >= 0)
                    yield return part.Skip(start + 1).Select(w => w.StartsWith('<') && w.EndsWith('>') ? "20261120T235959123-k3x9q2" : w).ToList();
                part = [];
            }
            else
            {
                part.Add(word);
            }
        }
    }
}
