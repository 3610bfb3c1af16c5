using System.CommandLine;
using Peepshow.Core.Agents;

namespace Peepshow.Cli.Commands;

/// <summary>
/// <c>peepshow hook user-prompt</c>: Claude Code's UserPromptSubmit hook. Always exits 0, because a
/// failing hook would stand between the user and their prompt; all the deciding is in <see cref="UserPromptHook"/>.
/// </summary>
public static class HookUserPromptCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("user-prompt", $$$"""
            Claude Code's UserPromptSubmit hook: reads the hook input JSON on stdin and, when the prompt names
            videos or animated images, prints {"hookSpecificOutput":{"hookEventName":"{{{UserPromptHook.EventName}}}","additionalContext":"…"}}
            asking Claude to run /peepshow:slides on each. Finds existing files (absolute or relative to the
            input's "cwd"; plain, quoted or shell-escaped as dragged into a terminal), http(s) URLs ending
            in a video extension, and links to a video on a known video site (YouTube, Vimeo, …; not a site's
            home page, nor any other web page), by name only (no ffmpeg). Prints nothing when there is none or on any
            problem, and always exits 0; reads at most {{{UserPromptHook.MaxInputBytes / (1024 * 1024)}}} MB of stdin.
            """).With(
            """echo '{"cwd":"/home/me/talks","prompt":"summarise demo.mov"}' | peepshow hook user-prompt""",
            """echo '{"cwd":"/tmp","prompt":"what is in /Users/me/Movies/my\\ clip.mov?"}' | peepshow hook user-prompt""");
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (context.Stdin.IsTerminal)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(
                    "peepshow: hook user-prompt reads Claude Code's hook input JSON on stdin; see peepshow hook user-prompt --help");
                return 0;
            }
            try
            {
                await using var input = context.Stdin.Open();
                if (await UserPromptHook.RespondAsync(input, context.WorkingDirectory, context.Environment.HomeFolder(), cancellationToken) is { } answer)
                    await parse.InvocationConfiguration.Output.WriteLineAsync(answer);
            }
            catch (Exception)
            {
                // Not even a broken stdout may block the prompt.
            }
            return 0;
        });
        return command;
    }
}
