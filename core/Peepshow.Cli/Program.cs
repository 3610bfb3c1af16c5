using System.CommandLine;
using Peepshow.Cli.Commands;

// Minimal entry point until the extraction command (issue 3) lands: it owns this file; the sinks
// command is registered with one line.
var root = new RootCommand("peepshow: let an LLM watch a video");
root.Subcommands.Add(SinksCommand.Create());
HelpExamples.Install(root);

var parse = root.Parse(args);
if (parse.Errors.Count > 0 && parse.Action is not { ClearsParseErrors: true })
{
    foreach (var error in parse.Errors)
        Console.Error.WriteLine($"peepshow: {error.Message}");
    return Peepshow.Core.ExitCodes.BadArguments;
}
return await parse.InvokeAsync();
