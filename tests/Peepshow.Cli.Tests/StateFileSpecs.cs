using Peepshow.Core;
using Peepshow.Testing.Media;

namespace Peepshow.Cli.Tests;

/// <summary>
/// sinks.json and the outbox that cannot be read or written: exit 8 naming the file and what is wrong with it,
/// and a run refused before extraction rather than one whose deliveries are silently lost.
/// </summary>
public sealed class StateFileSpecs : IDisposable
{
    private readonly CliSandbox _box = new();

    public void Dispose() => _box.Dispose();

    // Each run looks at the first three seconds (two shots): what happens around the run is the spec, not its frames.
    private static Task<GeneratedClip> Clip() => TestMedia.HardCutsAsync(TestContext.Current.CancellationToken);

    [Fact(Timeout = 60_000)]
    public async Task Sinks_add_into_a_home_that_cannot_hold_files_is_exit_8_naming_the_file()
    {
        // Running as root ignores read-only modes; a home below a regular file is unwritable for everyone.
        var blocker = _box.Combine("not-a-folder");
        await File.WriteAllTextAsync(blocker, "", TestContext.Current.CancellationToken);
        var home = Path.Combine(blocker, "home");
        _box.Process.WithEnvironment("PEEPSHOW_HOME", home);

        var result = await _box.Peepshow("sinks", "add", "dummy");

        Assert.Equal(ExitCodes.StateUnusable, result.ExitCode);
        Assert.Equal($"peepshow: cannot write the auto-sinks file {home}/sinks.json: {blocker} is a file, not a folder", result.StderrLines[0]);
        Assert.StartsWith("peepshow: hint: ", result.StderrLines[1]);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_sinks_json_that_is_a_directory_refuses_the_run_before_extraction_unless_auto_sinks_are_off()
    {
        var clip = await Clip();
        Directory.CreateDirectory(_box.SinksFile);
        var output = _box.Combine("run");

        var refused = await _box.Peepshow(clip.Path, "--no-audio", "--end", "3", "-o", output);
        Assert.False(Directory.Exists(output), "the run began although its deliveries could not be kept");
        var listed = await _box.Peepshow("sinks", "list");
        var without = await _box.Peepshow(clip.Path, "--no-audio", "--end", "3", "--no-auto-sinks", "-o", output);

        Assert.Equal(ExitCodes.StateUnusable, refused.ExitCode);
        Assert.Equal($"peepshow: the auto-sinks file {_box.SinksFile} is unusable: cannot read it: it is a directory, not a file", refused.StderrLines[0]);
        Assert.Contains("--no-auto-sinks", refused.StderrLines[1]);
        Assert.Empty(refused.StandardOutput);
        Assert.Equal(ExitCodes.StateUnusable, listed.ExitCode);
        Assert.Equal(0, without.ExitCode);
        Assert.NotEmpty(Directory.GetFiles(output, "frame_*"));
    }

    [Fact(Timeout = 60_000)]
    public async Task An_auto_sinks_file_variable_pointing_at_a_directory_is_exit_8()
    {
        var dir = Directory.CreateDirectory(_box.Combine("sinks-dir")).FullName;
        _box.Process.WithEnvironment("PEEPSHOW_AUTO_SINKS_FILE", dir);

        var list = await _box.Peepshow("sinks", "list");
        var add = await _box.Peepshow("sinks", "add", "dummy");

        Assert.Equal((ExitCodes.StateUnusable, $"peepshow: the auto-sinks file {dir} is unusable: cannot read it: it is a directory, not a file"), (list.ExitCode, list.StderrLines[0]));
        Assert.Equal(ExitCodes.StateUnusable, add.ExitCode);
        Assert.Contains(dir, add.StderrLines[0]);
    }

    [Fact(Timeout = 120_000)]
    public async Task An_outbox_that_cannot_be_written_refuses_a_run_with_sinks_before_extraction_and_says_how_to_repair_it()
    {
        var clip = await Clip();
        await _box.Peepshow("sinks", "add", "dummy");
        var outbox = Path.Combine(_box.Home, "outbox");
        await File.WriteAllTextAsync(outbox, "in the way", TestContext.Current.CancellationToken);
        var output = _box.Combine("run");

        var auto = await _box.Peepshow(clip.Path, "--no-audio", "--end", "3", "-o", output);
        var cli = await _box.Peepshow(clip.Path, "--no-audio", "--end", "3", "--no-auto-sinks", "--sink", "dummy", "-o", output);
        var none = await _box.Peepshow(clip.Path, "--no-audio", "--end", "3", "--no-auto-sinks", "-o", output);

        foreach (var refused in new[] { auto, cli })
        {
            Assert.Equal(ExitCodes.StateUnusable, refused.ExitCode);
            Assert.Equal($"peepshow: cannot write to the outbox {outbox}: it is a file, not a folder", refused.StderrLines[0]);
            Assert.StartsWith("peepshow: hint: make it a folder you can write to", refused.StderrLines[1]);
            Assert.Empty(refused.StandardOutput);
        }
        Assert.Equal(0, none.ExitCode);
        Assert.Equal("in the way", await File.ReadAllTextAsync(outbox, TestContext.Current.CancellationToken));
    }
}
