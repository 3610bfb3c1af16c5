using System.CommandLine;
using System.Runtime.CompilerServices;

namespace Peepshow.Cli.Commands;

/// <summary>
/// An "Examples:" section at the end of a subcommand's <c>--help</c> (printed by <see cref="HelpText"/>).
/// Examples inside a description would also be printed in the parent's command list.
/// </summary>
public static class HelpExamples
{
    private static readonly ConditionalWeakTable<Command, string[]> Examples = [];

    public static T With<T>(this T command, params string[] examples) where T : Command
    {
        Examples.AddOrUpdate(command, examples);
        return command;
    }

    public static void Write(Command command, TextWriter output)
    {
        if (!Examples.TryGetValue(command, out var examples) || examples.Length == 0)
            return;
        output.WriteLine("Examples:");
        foreach (var example in examples)
            output.WriteLine("  " + example);
        output.WriteLine();
    }
}
