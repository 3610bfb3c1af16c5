using Peepshow.Core.Media;
using Peepshow.Core.Processes;
using Peepshow.Testing;
using Peepshow.Testing.Media;

namespace Peepshow.Cli.Tests;

/// <summary>
/// A relative path in a variable starts in the folder peepshow runs in, as a shell there would read it: the
/// CliContext's folder, never the spec process's current directory (which differs from it in every spec here).
/// </summary>
public sealed class RelativePathSpecs : IDisposable
{
    private readonly CliSandbox _box = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => _box.Dispose();

    private string Here => _box.Combine();

    [Fact(Timeout = 120_000)]
    public async Task A_relative_PEEPSHOW_HOME_keeps_the_history_the_auto_sinks_and_the_outbox_in_the_folder_peepshow_runs_in()
    {
        Assert.NotEqual(Environment.CurrentDirectory, Here);
        var clip = await TestMedia.StillAsync(Cancel);
        SinkScripts.WriteDummy(_box.SinkDir, "down", new() { [DummySink.Env.Exit] = "5" });
        _box.Process.WithWorkingDirectory(Here).WithEnvironment("PEEPSHOW_HOME", "state");

        var add = await _box.Peepshow("sinks", "add", "down");
        var run = await _box.Peepshow(clip.Path, "--max", "2", "--no-audio", "-o", "run");
        var runs = await _box.Peepshow("runs", "list");

        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(File.Exists(_box.Combine("state", "sinks.json")));
        Assert.True(File.Exists(_box.Combine("state", "runs.jsonl")));
        Assert.Single(Directory.GetFiles(_box.Combine("state", "outbox"), "*.json"));
        Assert.Contains(Path.GetFileName(clip.Path), runs.StandardOutput);
        Assert.False(Directory.Exists(Path.Combine(Environment.CurrentDirectory, "state")));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_sink_in_a_relative_PEEPSHOW_SINK_PATH_folder_and_a_relative_sink_command_are_found_and_run_in_the_folder_peepshow_runs_in()
    {
        var clip = await TestMedia.StillAsync(Cancel);
        var local = SinkScripts.Write(Directory.CreateDirectory(_box.Combine("my-sinks")).FullName, "local", "cat > from-local.json");
        var notify = _box.Combine("notify.sh");
        await File.WriteAllTextAsync(notify, "#!/bin/sh\ncat > from-cmd.json\n", Cancel);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(notify, (UnixFileMode)0b111_101_101);
        _box.Process.WithWorkingDirectory(Here).WithEnvironment("PEEPSHOW_SINK_PATH", "my-sinks");

        var run = await _box.Peepshow(clip.Path, "--max", "2", "--no-audio", "-o", "run", "--sink", "local", "--sink-cmd", "./notify.sh");
        await _box.Peepshow("sinks", "add", "local");
        await _box.Peepshow("sinks", "add-cmd", "./notify.sh --quiet");
        var list = await _box.Peepshow("sinks", "list");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(File.Exists(_box.Combine("from-local.json")), run.ToString());
        Assert.True(File.Exists(_box.Combine("from-cmd.json")), run.ToString());
        Assert.Equal($"1. local -> {local}\n2. cmd './notify.sh --quiet' -> {notify}\n", list.StandardOutput);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_relative_PEEPSHOW_FFMPEG_starts_in_the_folder_peepshow_runs_in()
    {
        var ffmpeg = FfmpegLocator.Locate(EnvironmentVariables.Process.Get, Environment.CurrentDirectory);
        var tools = Directory.CreateDirectory(_box.Combine("tools")).FullName;
        File.CreateSymbolicLink(Path.Combine(tools, "ffmpeg"), ffmpeg.FfmpegPath);
        File.CreateSymbolicLink(Path.Combine(tools, "ffprobe"), ffmpeg.FfprobePath);
        _box.Process.WithWorkingDirectory(Here).WithEnvironment("PEEPSHOW_FFMPEG", "tools/ffmpeg");

        var doctor = await _box.Peepshow("doctor");

        Assert.True(doctor.ExitCode == 0, doctor.ToString());
        Assert.Contains($"  ffmpeg       {Path.Combine(tools, "ffmpeg")} (from PEEPSHOW_FFMPEG), version ", doctor.StandardOutput);
    }
}
