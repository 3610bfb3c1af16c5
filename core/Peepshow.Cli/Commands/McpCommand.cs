using System.CommandLine;
using ModelContextProtocol.Server;
using Peepshow.Cli.Mcp;

namespace Peepshow.Cli.Commands;

/// <summary><c>peepshow mcp</c>: serves the MCP tools over stdio until the client closes stdin (docs/mcp.md).</summary>
public static class McpCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("mcp",
            "Serve peepshow to agents over the Model Context Protocol (stdio): tools watch_video (frames as images, with what was said), " +
            "list_runs and get_run. Your MCP client starts it; stdout carries the protocol, logs go to stderr")
            .With(
                "claude mcp add peepshow -- peepshow mcp            register it with Claude Code",
                "npx @modelcontextprotocol/inspector peepshow mcp   try the tools by hand",
                "{\"mcpServers\": {\"peepshow\": {\"command\": \"peepshow\", \"args\": [\"mcp\"]}}}",
                "                                                   Claude Desktop (claude_desktop_config.json), Cursor (.cursor/mcp.json)",
                "",
                "watch_video {input, start?, end?, max_frames? (12), transcribe?, deliver? (true)}: JPEG frames at most 768 px wide,",
                "  each after 'frame N at m:ss.ss (reason)' and the words said while it was on screen; then the run id, folder,",
                "  video facts and the auto-sinks' deliveries with links; structuredContent is the --emit json payload.",
                "list_runs {limit? (20)}, get_run {run_id, frames?, sheet? (false)}: runs recorded in $PEEPSHOW_HOME/runs.jsonl by the CLI and the server.",
                "A bad input or a missing ffmpeg comes back as a tool error with the CLI's message; the server keeps serving.",
                "Relative paths are resolved from the directory the client starts the server in.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            var log = parse.InvocationConfiguration.Error;
            await log.WriteLineAsync("peepshow mcp: serving watch_video, list_runs and get_run on stdin/stdout; an MCP client starts this " +
                                     "(see peepshow mcp --help); Ctrl+C stops");
            var server = new PeepshowMcpServer(context.Environment, context.WorkingDirectory, log);
            await server.RunAsync(new StdioServerTransport(PeepshowMcpServer.Name), cancellationToken);
            return 0;
        });
        return command;
    }
}
