using System.Text.Json;
using Peepshow.Core.AutoSinks;
using Peepshow.Core.Sinks;
using Peepshow.Testing;

namespace Peepshow.Cli.Tests;

/// <summary><c>peepshow sinks add|add-cmd|list|remove|clear</c> through the real CLI process.</summary>
public sealed class SinksCommandSpecs : IDisposable
{
    private readonly CliSandbox _box = new();

    public void Dispose() => _box.Dispose();

    private string Home => _box.Home;

    private string SinkDir => _box.SinkDir;

    private Task<CliResult> Peepshow(params string[] args) => _box.Peepshow(args);

    [Fact(Timeout = 120000)]
    public async Task I_can_add_list_remove_and_clear_auto_sinks()
    {
        var found = SinkScripts.Write(SinkDir, "found", "true");
        var plain = Path.Combine(SinkDir, "peepshow-sink-plain");
        await File.WriteAllTextAsync(plain, "#!/bin/sh\n", TestContext.Current.CancellationToken);

        var add = await Peepshow("sinks", "add", "found:a:b", "--when", "extension=mp4,mov", "--when", "director=Kubrick");
        await Peepshow("sinks", "add-cmd", "peepshow-sink-found --verbose | tee /dev/null");
        await Peepshow("sinks", "add", "plain");
        var missing = await Peepshow("sinks", "add", "nowhere");
        var list = await Peepshow("sinks", "list");

        Assert.Equal(0, add.ExitCode);
        Assert.Equal($"added auto-sink 1: found:a:b [when extension=mp4,mov and director=Kubrick] -> {found}\n", add.StandardOutput);
        Assert.Contains("note: peepshow-sink-nowhere is not found yet", missing.StandardOutput);
        Assert.Equal(
            $"""
            1. found:a:b [when extension=mp4,mov and director=Kubrick] -> {found}
            2. cmd 'peepshow-sink-found --verbose | tee /dev/null' -> {found}
            3. plain -> not executable: {plain}
            4. nowhere -> not found

            """, list.StandardOutput);

        var remove = await Peepshow("sinks", "remove", "2");
        var afterRemove = await Peepshow("sinks");
        var clear = await Peepshow("sinks", "clear");
        var afterClear = await Peepshow("sinks", "list");

        Assert.Equal("removed auto-sink 2: cmd 'peepshow-sink-found --verbose | tee /dev/null' (3 left)\n", remove.StandardOutput);
        Assert.StartsWith("1. found:a:b", afterRemove.StandardOutput);
        Assert.Contains("\n2. plain -> ", afterRemove.StandardOutput);
        Assert.Equal("removed 3 auto-sinks\n", clear.StandardOutput);
        Assert.StartsWith("no auto-sinks configured", afterClear.StandardOutput);
    }

    [Fact(Timeout = 60000)]
    public async Task Auto_sinks_are_stored_in_the_documented_format_where_PEEPSHOW_AUTO_SINKS_FILE_points()
    {
        var file = _box.Combine("elsewhere", "my-sinks.json");

        _box.Process.WithEnvironment("PEEPSHOW_AUTO_SINKS_FILE", file);

        var result = await Peepshow("sinks", "add-cmd", "peepshow-sink-cassandra", "--when", "ext=mov");

        Assert.Equal(0, result.ExitCode);
        Assert.False(File.Exists(Path.Combine(Home, "sinks.json")));
        var sinks = await new AutoSinkStore(file).LoadAsync(TestContext.Current.CancellationToken);
        Assert.Equal([SinkSpec.ForCommand("peepshow-sink-cassandra", [WhenClause.Parse("ext=mov")])], sinks);
    }

    [Theory(Timeout = 60000)]
    [InlineData("add|bad name", "'bad name' is not a valid sink name")]
    [InlineData("add|x;rm", "'x;rm' is not a valid sink name")]
    [InlineData("add|ok|--when|director", "--when 'director' is not key=value")]
    [InlineData("add-cmd| ", "a sink command cannot be empty")]
    [InlineData("remove|abc", "'abc' is not a number")]
    [InlineData("retry", "name one outbox entry id or pass --all")]
    [InlineData("retry|nope", "no pending outbox entry 'nope'")]
    public async Task Bad_arguments_exit_2_with_a_clear_line(string args, string expected)
    {
        var result = await Peepshow(["sinks", .. args.Split('|')]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("peepshow: ", result.StandardError);
        Assert.Contains(expected, result.StandardError);
        Assert.False(File.Exists(Path.Combine(Home, "sinks.json")));
    }

    [Fact(Timeout = 60000)]
    public async Task Removing_a_number_past_the_end_exits_2_and_says_how_many_there_are()
    {
        foreach (var name in new[] { "a", "b", "c" })
            await Peepshow("sinks", "add", name);

        var result = await Peepshow("sinks", "remove", "9");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("peepshow: there is no auto-sink 9: there are 3 (see peepshow sinks list)\n", result.StandardError);
        Assert.Equal(3, (await new AutoSinkStore(Path.Combine(Home, "sinks.json")).LoadAsync(TestContext.Current.CancellationToken)).Count);
    }

    [Fact(Timeout = 120000)]
    public async Task Eight_processes_adding_at_once_leave_eight_entries_in_a_valid_file()
    {
        var results = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => Peepshow("sinks", "add", $"sink{i}", "--when", $"ext=mp{i}")));

        Assert.All(results, r => Assert.Equal(0, r.ExitCode));
        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(Home, "sinks.json"), TestContext.Current.CancellationToken));
        Assert.Equal(1, json.RootElement.GetProperty("version").GetInt32());
        var names = json.RootElement.GetProperty("sinks").EnumerateArray().Select(s => s.GetProperty("name").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(Enumerable.Range(1, 8).Select(i => $"sink{i}"), names);
        Assert.Empty(Directory.GetFiles(Home, "*.tmp"));
    }

    [Fact(Timeout = 60000)]
    public async Task Help_shows_examples()
    {
        var result = await Peepshow("sinks", "add", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\nExamples:\n", result.StandardOutput);
        Assert.Contains("\n  peepshow sinks add databricks --when extension=mp4,mov\n", result.StandardOutput);
    }
}
