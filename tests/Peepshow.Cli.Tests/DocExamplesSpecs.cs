using Peepshow.Testing;
using Peepshow.Testing.Media;

namespace Peepshow.Cli.Tests;

/// <summary>
/// The docs only promise what exists: every <c>peepshow …</c> command in a fenced <c>sh</c> block of README.md and
/// docs/ is read (<see cref="DocExample"/>), checked against the real command tree, and, when it needs no backend,
/// run against the real CLI.
/// </summary>
public sealed class DocExamplesSpecs
{
    /// <summary>
    /// A sink name the docs use on purpose although no such sink ships: PLUGINS.md's example of a user's own sink
    /// (<c>--sink mine:/srv/runs:keep</c> runs <c>peepshow-sink-mine /srv/runs keep</c>).
    /// </summary>
    private const string ExampleOwnSink = "mine";

    public static TheoryData<string> Examples => new(DocExample.All().Select(e => e.ToString()));

    /// <summary>The examples that run, each argument list once, and why the others do not.</summary>
    public static TheoryData<string> Runnable => new(DocExample.All()
        .Where(e => WhyNotRun(e.Arguments) is null)
        .Select(e => e.ToString())
        .DistinctBy(shown => shown[(shown.IndexOf(": ", StringComparison.Ordinal) + 2)..]));

    [Fact]
    public void The_docs_have_examples_to_check()
    {
        var examples = DocExample.All();

        Assert.True(examples.Count > 40, $"only {examples.Count} examples found");
        Assert.Contains(examples, e => e.Where.StartsWith("README.md:", StringComparison.Ordinal));
        Assert.Contains(examples, e => e.Arguments.SequenceEqual(["mcp"]));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void A_documented_command_is_one_peepshow_accepts(string example)
    {
        var arguments = Find(example).Arguments;

        var parse = CommandTree.Create().Parse([.. arguments]);

        Assert.True(parse.Errors.Count == 0, $"{example}: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void A_documented_sink_is_one_that_ships(string example)
    {
        var arguments = Find(example).Arguments;
        var shipped = DocExample.ShippedSinks();

        foreach (var sink in SinkNames(arguments))
            Assert.True(shipped.Contains(sink) || sink == ExampleOwnSink, $"{example}: no sink named '{sink}' ships (shipped: {string.Join(", ", shipped)})");
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Runnable))]
    public async Task A_documented_command_that_needs_no_backend_runs(string example)
    {
        // Arrange: the documented input file becomes a generated clip of the same kind.
        var arguments = Find(example).Arguments.ToList();
        using var peepshow = new PeepshowProcess();
        using var dir = new TempDir();
        if (IsExtraction(arguments))
        {
            var gif = Path.GetExtension(arguments[0]) == ".gif";
            var clip = gif
                ? await TestMedia.AnimatedGifAsync(TestContext.Current.CancellationToken)
                : await TestMedia.HardCutsAsync(TestContext.Current.CancellationToken);
            arguments = [clip.Path, .. arguments.Skip(1), "--output", dir.Combine("run")];
            // That the command runs is the spec, not what it selects: the first three seconds (two shots) of the video do.
            if (!gif && !arguments.Contains("--end"))
                arguments.AddRange(["--end", "3"]);
        }

        // Act
        var result = await peepshow.RunAsync(TestContext.Current.CancellationToken, [.. arguments]);

        // Assert
        Assert.True(result.ExitCode == 0, $"{example}\n{result}");
    }

    /// <summary>Why an example is only parsed, not run; null when it runs.</summary>
    private static string? WhyNotRun(IReadOnlyList<string> arguments) => arguments switch
    {
        _ when arguments.Contains("--sink") || arguments.Contains("--sink-cmd") => "delivers to a backend (sink specs run those)",
        ["mcp", ..] => "serves MCP until the client closes stdin (McpServerSpecs drive it with a real client)",
        ["hook", ..] => "reads an agent's prompt on stdin (HookSpecs)",
        ["env", "allow" or "deny", ..] => "needs a .env file in the current folder (EnvFileSpecs)",
        ["sinks", "retry", var id, ..] when id != "--all" => "needs an outbox entry with that id (SinksOutboxSpecs)",
        ["sinks", "remove", ..] => "needs auto-sinks to remove (SinksCommandSpecs)",
        ["-", ..] => "reads a clip on stdin (InputSpecs)",
        ["batch", ..] => "needs the user's folder of videos or list file (BatchSpecs run batches over generated clips)",
        [var input, ..] when input.StartsWith("http", StringComparison.Ordinal) => "downloads from the internet",
        _ when arguments.Contains("--start") => "needs a clip longer than its window",
        _ => null,
    };

    private static bool IsExtraction(IReadOnlyList<string> arguments) =>
        arguments.Count > 0 && !arguments[0].StartsWith('-') && CommandTree.Create().Subcommands.All(c => c.Name != arguments[0]);

    /// <summary><c>--sink name[:args]</c> and <c>sinks add name[:args]</c>.</summary>
    private static IEnumerable<string> SinkNames(IReadOnlyList<string> arguments)
    {
        for (var i = 0; i + 1 < arguments.Count; i++)
        {
            if (arguments[i] == "--sink" || (i == 1 && arguments[0] == "sinks" && arguments[1] == "add"))
                yield return arguments[i + 1].Split(':')[0];
        }
    }

    private static DocExample Find(string shown) => DocExample.All().First(e => e.ToString() == shown);
}
