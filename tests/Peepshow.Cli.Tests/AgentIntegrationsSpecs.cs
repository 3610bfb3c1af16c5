using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Peepshow.Cli.Commands;
using Peepshow.Testing;

namespace Peepshow.Cli.Tests;

/// <summary>What every file in <c>integrations/</c> tells an agent stays true to the CLI it describes.</summary>
public sealed partial class AgentIntegrationsSpecs
{
    /// <summary>The version peepshow reports (<c>--version</c>), without build metadata.</summary>
    public static string ProductVersion =>
        typeof(HookCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];

    private static string Integrations => Path.Combine(SpecClients.RepositoryRoot(), "integrations");

    [Theory]
    [InlineData("claude-code/.claude-plugin/plugin.json")]
    [InlineData("gemini/gemini-extension.json")]
    public void Each_integration_manifest_carries_the_product_version(string manifest)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Integrations, manifest)));

        Assert.Equal(ProductVersion, json.RootElement.GetProperty("version").GetString());
        Assert.Equal("peepshow", json.RootElement.GetProperty("name").GetString());
    }

    [Fact(Timeout = 120_000)]
    public async Task Every_peepshow_flag_an_integration_names_is_in_the_clis_help()
    {
        using var peepshow = new PeepshowProcess();
        var help = "";
        foreach (var command in new[] { "", "sinks add", "sinks add-cmd", "sinks retry", "doctor", "hook user-prompt" })
        {
            var result = await peepshow.RunAsync(TestContext.Current.CancellationToken, [.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);
            Assert.True(result.ExitCode == 0, result.ToString());
            help += result.StandardOutput;
        }
        var files = Directory.EnumerateFiles(Integrations, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Where(f => Path.GetExtension(f) is ".md" or ".mdc" or ".toml" or ".json")
            .ToList();

        var named = files.SelectMany(f => Flag().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetRelativePath(Integrations, f), Flag: m.Value))).ToList();

        Assert.Contains(named, n => n.Flag == "--emit");
        Assert.Contains(named, n => n.Flag == "--when");
        // install.sh's option, named next to the peepshow install commands.
        var unknown = named.Where(n => n.Flag != "--archive" && !Regex.IsMatch(help, $@"(?<![\w-]){Regex.Escape(n.Flag)}(?![\w-])")).ToList();
        Assert.True(unknown.Count == 0, "not in peepshow's --help: " + string.Join(", ", unknown));
    }

    /// <summary>A long option: two dashes and a lowercase word, not part of a longer word or a <c>---</c> rule.</summary>
    [GeneratedRegex(@"(?<![\w-])--[a-z][a-z0-9-]*[a-z0-9]")]
    private static partial Regex Flag();
}
