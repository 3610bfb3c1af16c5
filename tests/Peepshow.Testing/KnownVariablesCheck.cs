using Peepshow.Core.EnvFiles;
using Peepshow.Protocol.Hosting;

namespace Peepshow.Testing;

/// <summary>Where peepshow's table of a built-in sink's variables (<see cref="KnownVariables"/>) disagrees with the sink's own <see cref="SinkInfo"/>.</summary>
public static class KnownVariablesCheck
{
    /// <summary>One line per disagreement; empty when the table says what the sink's <c>--help</c> says.</summary>
    public static IReadOnlyList<string> Disagreements(SinkInfo info)
    {
        if (KnownVariables.ForSink(info.Name) is not { } known)
            return [$"KnownVariables has no entry for {info.Name}"];
        var problems = new List<string>();
        Compare("required", info.Environment.Where(v => v.Required).Select(v => v.Name), known.Required);
        Compare("credentials (secret)", info.Environment.Where(v => v.Secret).Select(v => v.Name), known.Credentials);
        problems.AddRange(known.Endpoints.Except(info.Environment.Select(v => v.Name)).Select(e => $"endpoint {e} is not a variable of {info.Name}"));
        return problems;

        void Compare(string what, IEnumerable<string> sink, IReadOnlyList<string> table)
        {
            if (!sink.SequenceEqual(table))
                problems.Add($"{what}: the sink says {string.Join(", ", sink)}, the table {string.Join(", ", table)}");
        }
    }
}
