using Peepshow.Core.Sinks;
using Peepshow.Testing;

namespace Peepshow.Core.Tests.Sinks;

public sealed class SinkLocatorSpecs
{
    private static SinkLocator Locator(string? sinkPath, string peepshowDir, string? path) =>
        SinkLocator.FromEnvironment(name => name switch { "PEEPSHOW_SINK_PATH" => sinkPath, "PATH" => path, _ => null }, Environment.CurrentDirectory, peepshowDir);

    [Fact]
    public void PEEPSHOW_SINK_PATH_wins_then_the_peepshow_folder_then_PATH()
    {
        using var dir = new TempDir();
        string[] dirs = [dir.Combine("sp1"), dir.Combine("sp2"), dir.Combine("app"), dir.Combine("path")];
        foreach (var d in dirs)
        {
            Directory.CreateDirectory(d);
            SinkScripts.Write(d, "x", "true");
        }
        var sinkPath = $"{dirs[0]}:{dirs[1]}";

        Assert.Equal(Path.Combine(dirs[0], "peepshow-sink-x"), Locator(sinkPath, dirs[2], dirs[3]).Locate("x").Path);
        Assert.Equal(Path.Combine(dirs[1], "peepshow-sink-x"), Locator($"{dir.Combine("empty")}:{dirs[1]}", dirs[2], dirs[3]).Locate("x").Path);
        Assert.Equal(Path.Combine(dirs[2], "peepshow-sink-x"), Locator(null, dirs[2], dirs[3]).Locate("x").Path);
        Assert.Equal(Path.Combine(dirs[3], "peepshow-sink-x"), Locator(null, dir.Combine("empty"), $"/nonexistent:{dirs[3]}").Locate("x").Path);
    }

    [Fact]
    public void A_peepshow_installed_as_a_dotnet_tool_finds_sinks_installed_as_tools_beside_its_command()
    {
        // The layout `dotnet tool install --tool-path <tools>` leaves: commands in <tools>, files in .store.
        using var dir = new TempDir();
        var tools = dir.Combine("tools");
        var toolFolder = dir.Combine("tools", ".store", "peepshow", "0.1.0", "peepshow", "0.1.0", "tools", "net10.0", "any");
        Directory.CreateDirectory(toolFolder);
        var sink = SinkScripts.Write(tools, "x", "true");

        var locator = Locator(null, toolFolder + Path.DirectorySeparatorChar, "/nonexistent");

        Assert.Equal(sink, locator.Locate("x").Path);
        Assert.Equal([toolFolder, tools], locator.PreferredDirectories);
    }

    [Fact]
    public void A_file_without_an_execute_bit_is_passed_over_and_reported_only_when_nothing_else_is_found()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Combine("a"));
        Directory.CreateDirectory(dir.Combine("b"));
        var plain = dir.Combine("a", "peepshow-sink-x");
        File.WriteAllText(plain, "#!/bin/sh\n");
        var executable = SinkScripts.Write(dir.Combine("b"), "x", "true");

        var skipped = Locator(dir.Combine("a"), dir.Combine("b"), null).Locate("x");
        var reported = Locator(dir.Combine("a"), dir.Path, null).Locate("x");

        Assert.Equal(executable, skipped.Path);
        Assert.False(reported.Found);
        Assert.Equal($"not executable: {plain}", reported.ToString());
    }

    [Fact]
    public void A_missing_sink_is_not_found()
    {
        using var dir = new TempDir();

        var location = Locator(dir.Path, dir.Path, dir.Path).Locate("nope");

        Assert.False(location.Found);
        Assert.Equal("not found", location.ToString());
    }

    [Fact]
    public void A_command_sink_resolves_its_first_word_and_gets_the_preferred_folders_in_front_of_PATH()
    {
        using var dir = new TempDir();
        var script = SinkScripts.Write(dir.Path, "cassandra", "true");

        var locator = Locator(dir.Path, "/opt/peepshow", "/usr/bin:/bin");

        Assert.Equal(script, locator.LocateCommand("KEY=1 peepshow-sink-cassandra --dry-run").Path);
        Assert.Equal($"{dir.Path}:/opt/peepshow:/usr/bin:/bin", locator.ShellPath);
    }
}
