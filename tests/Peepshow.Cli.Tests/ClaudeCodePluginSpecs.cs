using System.Text.Json;
using CliWrap;
using Peepshow.Core.Processes;
using Peepshow.Testing;
using Peepshow.Testing.Media;

namespace Peepshow.Cli.Tests;

/// <summary>
/// The Claude Code plugin (<c>.claude-plugin/marketplace.json</c> and <c>integrations/claude-code</c>) checked
/// by the real Claude Code CLI pinned in tests/clients, offline, in a throwaway HOME.
/// </summary>
public sealed class ClaudeCodePluginSpecs : IDisposable
{
    private readonly TempDir _home = new("peepshow-claude-home");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Repository => SpecClients.RepositoryRoot();

    private static string PluginFolder => Path.Combine(Repository, "integrations", "claude-code");

    [Fact(Timeout = 120_000)]
    public async Task Claude_Code_validates_the_marketplace_strictly()
    {
        var result = await Claude("plugin", "validate", "--strict", Repository);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Validating marketplace manifest: " + Path.Combine(Repository, ".claude-plugin", "marketplace.json"), result.StandardOutput);
        Assert.Contains("Validation passed", result.StandardOutput);
    }

    [Fact(Timeout = 120_000)]
    public async Task Claude_Code_validates_the_plugin_strictly_and_sees_its_skills_hook_and_mcp_server()
    {
        var text = await Claude("plugin", "validate", "--strict", PluginFolder);
        var json = await Claude("plugin", "validate", "--strict", "--json", PluginFolder);

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("Validation passed", text.StandardOutput);
        Assert.True(json.ExitCode == 0, json.ToString());
        using var report = JsonDocument.Parse(json.StandardOutput);
        var root = report.RootElement;
        Assert.True(root.GetProperty("success").GetBoolean());
        Assert.Empty(root.GetProperty("manifest").GetProperty("errors").EnumerateArray());
        Assert.Empty(root.GetProperty("manifest").GetProperty("warnings").EnumerateArray());
        var provides = root.GetProperty("provides");
        Assert.Equal(["peepshow:sink", "peepshow:slides", "peepshow:watch-video"],
            provides.GetProperty("skills").EnumerateArray().Select(s => s.GetString()).Order());
        var hook = Assert.Single(provides.GetProperty("hooks").EnumerateArray());
        Assert.Equal("UserPromptSubmit", hook.GetProperty("event").GetString());
        Assert.Equal("peepshow hook user-prompt", hook.GetProperty("command").GetString());
        var mcp = Assert.Single(provides.GetProperty("mcpServers").EnumerateArray());
        Assert.Equal("peepshow", mcp.GetProperty("target").GetString());
        Assert.Equal(["mcp"], mcp.GetProperty("args").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact(Timeout = 120_000)]
    public async Task Claude_Code_installs_the_plugin_from_the_repository_as_a_local_marketplace()
    {
        var added = await Claude("plugin", "marketplace", "add", Repository);
        var installed = await Claude("plugin", "install", "peepshow@peepshow");
        var list = await Claude("plugin", "list", "--json");
        var details = await Claude("plugin", "details", "peepshow@peepshow");

        Assert.True(added.ExitCode == 0, added.ToString());
        Assert.True(installed.ExitCode == 0, installed.ToString());
        Assert.Contains("Successfully installed plugin: peepshow@peepshow", installed.StandardOutput);
        Assert.True(list.ExitCode == 0, list.ToString());
        using var plugins = JsonDocument.Parse(list.StandardOutput);
        var plugin = Assert.Single(plugins.RootElement.EnumerateArray());
        Assert.Equal("peepshow@peepshow", plugin.GetProperty("id").GetString());
        Assert.Equal(ProductVersion, plugin.GetProperty("version").GetString());
        Assert.True(plugin.GetProperty("enabled").GetBoolean());
        Assert.Equal("peepshow", plugin.GetProperty("mcpServers").GetProperty("peepshow").GetProperty("command").GetString());
        var installPath = plugin.GetProperty("installPath").GetString()!;
        Assert.True(File.Exists(Path.Combine(installPath, "hooks", "hooks.json")), installPath);
        Assert.True(File.Exists(Path.Combine(installPath, "skills", "slides", "SKILL.md")), installPath);
        Assert.True(details.ExitCode == 0, details.ToString());
        Assert.Contains($"peepshow {ProductVersion}", details.StandardOutput);
        Assert.Contains("Skills (3)  sink, slides, watch-video", details.StandardOutput);
        Assert.Contains("Hooks (1)  UserPromptSubmit", details.StandardOutput);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_hook_command_in_hooks_json_is_a_real_peepshow_command_that_answers_a_prompt()
    {
        using var hooks = JsonDocument.Parse(File.ReadAllText(Path.Combine(PluginFolder, "hooks", "hooks.json")));
        var hook = hooks.RootElement.GetProperty("hooks").GetProperty("UserPromptSubmit")[0].GetProperty("hooks")[0];
        var words = hook.GetProperty("command").GetString()!.Split(' ');
        using var dir = new TempDir();
        var clip = await TestMedia.CopyAsync(await TestMedia.AnimatedGifAsync(Cancel), dir.Combine("demo.gif"), Cancel);
        var input = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["hook_event_name"] = "UserPromptSubmit", ["cwd"] = dir.Path, ["prompt"] = "what does demo.gif show?",
        });
        using var peepshow = new PeepshowProcess();

        var result = await peepshow.RunAsync(words[1..], PipeSource.FromString(input), Cancel);

        Assert.Equal("peepshow", words[0]);
        Assert.InRange(hook.GetProperty("timeout").GetInt32(), 1, 30);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"/peepshow:slides {clip}", result.StandardOutput);
    }

    public void Dispose() => _home.Dispose();

    private static string ProductVersion => AgentIntegrationsSpecs.ProductVersion;

    private async Task<CliResult> Claude(params string[] args)
    {
        var result = await CliWrap.Cli.Wrap(SpecClients.Claude)
            .WithArguments(args)
            .WithWorkingDirectory(_home.Path)
            .WithEnvironmentVariable("HOME", _home.Path)
            .WithEnvironmentVariable("CLAUDE_CONFIG_DIR", Path.Combine(_home.Path, ".claude"))
            // Offline and quiet: no telemetry, no update checks, no account.
            .WithEnvironmentVariable("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1")
            .WithEnvironmentVariable("DISABLE_TELEMETRY", "1")
            .WithEnvironmentVariable("DISABLE_AUTOUPDATER", "1")
            .WithEnvironmentVariable("ANTHROPIC_API_KEY", null)
            .RunBufferedAsync(TimeSpan.FromSeconds(90), cancellationToken: Cancel);
        return new CliResult(result.ExitCode ?? -1, result.StandardOutput, result.StandardError);
    }
}
