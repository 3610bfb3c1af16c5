using System.CommandLine;
using System.CommandLine.Parsing;
using Peepshow.Core;
using Peepshow.Core.Sinks;

namespace Peepshow.Cli.Commands;

/// <summary>The sink options shared by the run command and the <c>sinks</c> commands, defined once.</summary>
internal static class SinkOptions
{
    public static Option<string[]> When() => Validated(new Option<string[]>("--when")
    {
        Description = "Only run this auto-sink when the video matches key=v1,v2 (values OR; repeat --when to AND). "
            + "Keys: extension|ext, filename (glob), path (substring or glob), container, codec, or any video tag (exact value).",
        HelpName = "key=value[,value…]",
        Arity = ArgumentArity.ZeroOrMore,
    }, text => WhenClause.Parse(text));

    public static Option<string[]> Sink() => Validated(new Option<string[]>("--sink")
    {
        Description = "Send the run to peepshow-sink-<name>, extra :tokens become its arguments (repeatable)",
        HelpName = "name[:arg…]",
        Arity = ArgumentArity.ZeroOrMore,
    }, text => SinkSpec.ParseName(text));

    public static Option<string[]> SinkCmd() => Validated(new Option<string[]>("--sink-cmd")
    {
        Description = "Send the run to a shell command (run with /bin/sh -c, payload on stdin; repeatable)",
        HelpName = "shell command",
        Arity = ArgumentArity.ZeroOrMore,
    }, text => SinkSpec.ForCommand(text));

    public static Option<bool> NoAutoSinks() => new("--no-auto-sinks")
    {
        Description = "Skip the auto-sinks in sinks.json for this run",
    };

    public static IReadOnlyList<WhenClause> ReadWhen(ParseResult parse, Option<string[]> when) =>
        [.. (parse.GetValue(when) ?? []).Select(WhenClause.Parse)];

    /// <summary>
    /// <c>--sink</c> and <c>--sink-cmd</c> in the order they were typed, so <c>--sink a --sink-cmd b --sink c</c>
    /// runs a, b, c.
    /// </summary>
    public static IReadOnlyList<SinkSpec> ReadCliSinks(ParseResult parse, Option<string[]> sink, Option<string[]> sinkCmd)
    {
        var names = parse.GetValue(sink) ?? [];
        var commands = parse.GetValue(sinkCmd) ?? [];
        var ordered = new List<SinkSpec>();
        Option? owner = null;
        foreach (var token in parse.Tokens)
        {
            if (token.Type == TokenType.Option)
            {
                owner = Names(sink, token.Value) ? sink : Names(sinkCmd, token.Value) ? sinkCmd : null;
                continue;
            }
            if (owner is not null && token.Type == TokenType.Argument)
                ordered.Add(owner == sink ? SinkSpec.ParseName(token.Value) : SinkSpec.ForCommand(token.Value));
            owner = null;
        }
        // Should the token walk ever disagree with the parser, trust the parser's values.
        return ordered.Count == names.Length + commands.Length
            ? ordered
            : [.. names.Select(n => SinkSpec.ParseName(n)), .. commands.Select(c => SinkSpec.ForCommand(c))];
    }

    private static bool Names(Option option, string token) => option.Name == token || option.Aliases.Contains(token);

    // Bad values are parse errors, reported (exit 2) before anything runs, with the flag and the message
    // the parser in Core gives.
    private static Option<string[]> Validated(Option<string[]> option, Action<string> parse)
    {
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                try
                {
                    parse(token.Value);
                }
                catch (PeepshowException ex)
                {
                    result.AddError($"{option.Name}: {ex.Message}");
                    return;
                }
            }
        });
        return option;
    }
}
