using System.Text.Json.Serialization;
using Peepshow.Protocol;

namespace Peepshow.Core.Sinks;

/// <summary>
/// One sink to deliver a run to, as given on the command line or stored in sinks.json and outbox entries.
/// For <see cref="SinkKind.Name"/> <see cref="Name"/> and <see cref="Args"/> are set; for
/// <see cref="SinkKind.Cmd"/> <see cref="Command"/> is.
/// </summary>
public sealed record SinkSpec
{
    public required SinkKind Kind { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    // Source-generated deserialization writes null into init-only members the JSON omits
    // (dotnet/runtime#84484), so the setters keep the never-null promise themselves.
    public IReadOnlyList<string> Args { get; init => field = value ?? []; } = [];

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Command { get; init; }

    /// <summary>Auto-sinks only: every clause must match the run (AND); see <see cref="SinkMatch"/>.</summary>
    public IReadOnlyList<WhenClause> When { get; init => field = value ?? []; } = [];

    /// <summary>What peepshow calls the sink in messages and the manifest: <c>databricks</c>, <c>cmd:curl</c>.</summary>
    [JsonIgnore]
    public string DisplayName => Kind == SinkKind.Name ? Name ?? "?" : "cmd:" + (FirstWord(Command ?? "") is { Length: > 0 } w ? Path.GetFileName(w) : "?");

    /// <summary>The spec as the user would type it, for listings: <c>databricks:a:b</c> or the command line.</summary>
    [JsonIgnore]
    public string Display => Kind == SinkKind.Name ? string.Join(':', [Name, .. Args]) : Command ?? "";

    /// <summary>Parses <c>name[:arg…]</c>. Every colon separates a token, so arguments cannot contain one (use a cmd sink).</summary>
    public static SinkSpec ParseName(string text, IReadOnlyList<WhenClause>? when = null)
    {
        var tokens = text.Split(':');
        if (!SinkName.IsValid(tokens[0]))
            throw new PeepshowException(ExitCodes.BadArguments,
                $"'{tokens[0]}' is not a valid sink name: use letters, digits, '.', '_' and '-' only (for anything else use --sink-cmd)");
        return new SinkSpec { Kind = SinkKind.Name, Name = tokens[0], Args = tokens[1..], When = when ?? [] };
    }

    public static SinkSpec ForCommand(string command, IReadOnlyList<WhenClause>? when = null)
    {
        if (string.IsNullOrWhiteSpace(command))
            throw new PeepshowException(ExitCodes.BadArguments, "a sink command cannot be empty");
        return new SinkSpec { Kind = SinkKind.Cmd, Command = command, When = when ?? [] };
    }

    /// <summary>Why a spec read from a file cannot run, or null when it can.</summary>
    public string? Problem() => Kind switch
    {
        SinkKind.Name when !SinkName.IsValid(Name) => $"'{Name}' is not a valid sink name",
        SinkKind.Cmd when string.IsNullOrWhiteSpace(Command) => "the command is empty",
        SinkKind.Name or SinkKind.Cmd => When.Select(c => c.Problem()).FirstOrDefault(p => p is not null),
        _ => $"unknown kind '{Kind}'",
    };

    /// <summary>
    /// The program a shell command line starts, for display and lookup: the first word after any
    /// leading <c>VAR=value</c> assignments, unquoted, up to the first redirection or operator
    /// (<c>cat&gt;/dev/null</c> runs <c>cat</c>). Best effort; the shell has the last word.
    /// </summary>
    public static string FirstWord(string command)
    {
        foreach (var word in command.Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            var operatorAt = word.IndexOfAny(ShellOperators);
            var unquoted = (operatorAt >= 0 ? word[..operatorAt] : word).Trim('\'', '"');
            if (unquoted.Length == 0)
            {
                // The word starts with a redirection (>out, 2>&1): the command is further on, or there is none.
                if (operatorAt == 0 && word[0] is '>' or '<')
                    continue;
                return "";
            }
            var eq = unquoted.IndexOf('=');
            if (eq > 0 && unquoted[..eq].All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
                continue;
            return unquoted;
        }
        return "";
    }

    private static readonly char[] ShellOperators = ['>', '<', '|', ';', '&', '(', ')', '`'];

    // Records compare lists by reference; specs are compared by what they run.
    public bool Equals(SinkSpec? other) =>
        other is not null && Kind == other.Kind && Name == other.Name && Command == other.Command
        && Args.SequenceEqual(other.Args) && When.SequenceEqual(other.When);

    public override int GetHashCode() => HashCode.Combine(Kind, Name, Command, Args.Count, When.Count);
}
