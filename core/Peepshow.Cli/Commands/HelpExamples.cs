using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Runtime.CompilerServices;

namespace Peepshow.Cli.Commands;

/// <summary>
/// An "Examples:" section at the end of a command's <c>--help</c>. System.CommandLine has no such
/// section, and examples inside a description would also be printed in the parent's command list.
/// </summary>
public static class HelpExamples
{
    private static readonly ConditionalWeakTable<Command, string[]> Examples = [];

    public static T With<T>(this T command, params string[] examples) where T : Command
    {
        Examples.AddOrUpdate(command, examples);
        return command;
    }

    /// <summary>Adds the section to the help of every command under <paramref name="root"/>; call once at startup.</summary>
    public static void Install(RootCommand root)
    {
        foreach (var option in root.Options)
        {
            if (option is HelpOption { Action: HelpAction help } helpOption)
                helpOption.Action = new WithExamples(help);
        }
    }

    private sealed class WithExamples(HelpAction inner) : SynchronousCommandLineAction
    {
        // Like the help it wraps: `peepshow sinks remove --help` is help, not a missing argument.
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var code = inner.Invoke(parseResult);
            if (Examples.TryGetValue(parseResult.CommandResult.Command, out var examples) && examples.Length > 0)
            {
                var output = parseResult.InvocationConfiguration.Output;
                output.WriteLine("Examples:");
                foreach (var example in examples)
                    output.WriteLine("  " + example);
                output.WriteLine();
            }
            return code;
        }
    }
}
