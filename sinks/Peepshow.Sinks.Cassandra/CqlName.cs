using System.Text.RegularExpressions;
using Peepshow.Protocol.Hosting;

namespace Peepshow.Sinks.Cassandra;

/// <summary>
/// Keyspace and table names from env. They end up in URL paths and in CQL the user pastes, so they are
/// held to Cassandra's own identifier rules instead of being escaped after the fact.
/// </summary>
internal static partial class CqlName
{
    public const int MaxLength = 48;

    // Words CQL will not take as a bare identifier; the ones a user could plausibly pick for a keyspace or table.
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "add", "allow", "alter", "and", "apply", "asc", "authorize", "batch", "begin", "by", "columnfamily",
        "create", "delete", "desc", "describe", "drop", "entries", "execute", "from", "full", "grant", "if",
        "in", "index", "infinity", "insert", "into", "is", "keyspace", "limit", "materialized", "modify", "nan",
        "norecursive", "not", "null", "of", "on", "or", "order", "primary", "rename", "replace", "revoke",
        "schema", "select", "set", "table", "to", "token", "truncate", "unlogged", "update", "use", "using",
        "view", "where", "with",
    };

    /// <summary>Returns <paramref name="value"/> when it is a valid name, else fails with exit 2 naming <paramref name="variable"/>.</summary>
    public static string Validate(string variable, string value) =>
        Pattern().IsMatch(value)
            ? value
            : throw SinkException.Config(
                $"{variable} must be a Cassandra name: a letter, then letters, digits or '_', at most {MaxLength} characters; got '{value}'");

    /// <summary>
    /// The name as CQL must spell it to mean exactly what Stargate's REST paths mean: Stargate treats path
    /// names case-sensitively, while CQL folds bare names to lower case, so anything else is double-quoted.
    /// </summary>
    public static string ToCql(string name) =>
        LowerCase().IsMatch(name) && !Reserved.Contains(name) ? name : $"\"{name}\"";

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,47}$")]
    private static partial Regex Pattern();

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex LowerCase();
}
