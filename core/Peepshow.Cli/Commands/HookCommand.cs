using System.CommandLine;
using Peepshow.Core.Inputs;

namespace Peepshow.Cli.Commands;

/// <summary><c>peepshow hook …</c>: entry points for agent hosts' hooks (Claude Code's plugin runs them).</summary>
public static class HookCommand
{
    public static Command Create(StdinSource? stdin = null)
    {
        var command = new Command("hook", """
            Hooks for agent hosts, run by the host, not by hand. The Claude Code plugin runs
            `peepshow hook user-prompt` before every prompt (docs/agents.md).
            """).With(
            """echo '{"hook_event_name":"UserPromptSubmit","cwd":".","prompt":"what happens in demo.mov?"}' | peepshow hook user-prompt""");
        command.Subcommands.Add(HookUserPromptCommand.Create(stdin ?? StdinSource.Console));
        return command;
    }
}
