using Peepshow.Testing;

namespace Peepshow.Cli.Tests;

public sealed class HelpSpecs
{
    [Fact(Timeout = 60_000)]
    public async Task Mcp_help_says_how_to_register_the_server_and_what_its_tools_return()
    {
        using var peepshow = new PeepshowProcess();

        var result = await peepshow.RunAsync(TestContext.Current.CancellationToken, "mcp", "--help");

        Assert.Equal(0, result.ExitCode);
        var help = result.StandardOutput;
        Assert.Contains("claude mcp add peepshow -- peepshow mcp", help);
        Assert.Contains("{\"mcpServers\": {\"peepshow\": {\"command\": \"peepshow\", \"args\": [\"mcp\"]}}}", help);
        Assert.Contains("watch_video {input, start?, end?, max_frames? (12), transcribe?, deliver? (true)}", help);
        Assert.Contains("list_runs", help);
        Assert.Contains("get_run", help);
    }

    [Fact(Timeout = 60_000)]
    public async Task Help_teaches_usage_with_defaults_examples_and_exit_codes()
    {
        using var peepshow = new PeepshowProcess();

        var result = await peepshow.RunAsync(TestContext.Current.CancellationToken, "--help");

        Assert.Equal(0, result.ExitCode);
        var help = result.StandardOutput;
        Assert.Contains("<input>", help);
        Assert.Contains("--threshold", help);
        Assert.Contains("[default: 0.3]", help);
        Assert.Contains("[default: 40]", help);
        // Every output format is offered; the list grows as features land (timeline came with audio).
        var emit = help.Split('\n').Single(line => line.TrimStart().StartsWith("-e, --emit <", StringComparison.Ordinal));
        foreach (var format in new[] { "paths", "json", "markdown", "caveman", "timeline", "sheet" })
            Assert.Contains(format, emit[..emit.IndexOf('>')]);
        Assert.Contains("--transcribe <custom|groq|off|openai|subtitles|whisper|whisper-cpp>", help);
        Assert.Contains("--dedup-distance", help);
        Assert.Contains("--start", help);
        Assert.Contains("Examples:", help);
        Assert.Contains("peepshow clip.mov", help);
        Assert.Contains("Exit codes:", help);
        Assert.Contains("6  ffmpeg failed", help);
        Assert.Contains("PEEPSHOW_NO_HINTS=1", help);
    }

    [Fact(Timeout = 60_000)]
    public async Task Help_teaches_the_dotenv_file_its_trust_and_the_env_commands()
    {
        using var peepshow = new PeepshowProcess();

        var root = await peepshow.RunAsync(TestContext.Current.CancellationToken, "--help");
        var env = await peepshow.RunAsync(TestContext.Current.CancellationToken, "env", "--help");

        Assert.Contains("--no-env-file", root.StandardOutput);
        Assert.Contains("peepshow env allow", root.StandardOutput);
        Assert.Contains("PEEPSHOW_ENV_FILE", root.StandardOutput);
        Assert.Equal(0, env.ExitCode);
        foreach (var subcommand in new[] { "allow", "deny", "status" })
            Assert.Contains($"  {subcommand} ", env.StandardOutput);
        Assert.Contains("Examples:\n  peepshow env status\n  peepshow env allow\n", env.StandardOutput);
    }

    [Fact(Timeout = 60_000)]
    public async Task Version_prints_the_version()
    {
        using var peepshow = new PeepshowProcess();

        var result = await peepshow.RunAsync(TestContext.Current.CancellationToken, "--version");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", result.StandardOutput.Trim());
    }
}
