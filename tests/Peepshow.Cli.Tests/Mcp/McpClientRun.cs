using System.Text.Json;
using System.Text.Json.Nodes;
using CliWrap;
using Peepshow.Core.Processes;
using Peepshow.Testing;

namespace Peepshow.Cli.Tests.Mcp;

/// <summary>
/// Runs <c>mcp-client.mjs</c>: the official MCP TypeScript client (<see cref="SpecClients"/>) starts the real
/// <c>peepshow mcp</c> (<see cref="PeepshowProcess"/>, its environment and PEEPSHOW_HOME), plays a plan of steps
/// and reports what the server answered.
/// </summary>
internal static class McpClientRun
{
    private static string Script => Path.Combine(AppContext.BaseDirectory, "Mcp", "mcp-client.mjs");

    public static async Task<McpReport> RunAsync(PeepshowProcess peepshow, JsonArray plan, CancellationToken cancellationToken)
    {
        var server = peepshow.Command(["mcp"]);
        var (serverFile, serverArguments) = PeepshowProcess.Invocation(["mcp"]);
        var serverErrors = new TailBuffer(64 * 1024);
        var result = await CliWrap.Cli.Wrap("node")
            .WithArguments([Script, SpecClients.NodeModules, serverFile, .. serverArguments])
            .WithEnvironmentVariables(server.EnvironmentVariables)
            .WithStandardInputPipe(PipeSource.FromString(plan.ToJsonString()))
            .RunBufferedAsync(TimeSpan.FromMinutes(3), cancellationToken: cancellationToken);
        Assert.True(result.ExitCode == 0 && !result.TimedOut,
            $"the MCP client exited {result.ExitCode}{(result.TimedOut ? " (timed out)" : "")}\n--- stdout\n{result.StandardOutput}\n--- stderr\n{result.StandardError}");
        using var document = JsonDocument.Parse(result.StandardOutput);
        return new McpReport(document.RootElement.Clone(), result.StandardError);
    }
}
