using System.Globalization;
using System.IO.Pipes;
using CliWrap;
using CliWrap.Buffered;
using Peepshow.Core;
using Peepshow.Protocol;
using Peepshow.Testing.Media;

namespace Peepshow.Cli.Tests;

/// <summary>
/// One run per folder, owner-only, and nothing a pending delivery points at overwritten, whatever the path says. A run
/// whose frames are not counted looks at the first three seconds of its clip (<c>--end 3</c>): the folder is the spec here,
/// not the selection.
/// </summary>
public sealed class RunFolderSpecs : IDisposable
{
    private readonly CliSandbox _box = new();

    public void Dispose() => _box.Dispose();


    [Fact(Timeout = 120_000)]
    public async Task Without_an_output_folder_the_run_gets_a_folder_of_its_own_in_the_TMPDIR_it_was_given()
    {
        var clip = await TestMedia.HardCutsAsync(TestContext.Current.CancellationToken);
        var temp = Directory.CreateDirectory(_box.Combine("tmp")).FullName;
        _box.Process.WithEnvironment("TMPDIR", temp);

        var result = await _box.Peepshow(clip.Path, "--no-audio", "--end", "3", "--emit", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var payload = ProtocolJson.Read(result.StandardOutput).Payload!;
        Assert.Equal(Path.Combine(temp, $"peepshow-{payload.RunId}"), payload.OutputDir);
        Assert.Equal([payload.OutputDir], Directory.GetDirectories(temp));
        Assert.All(payload.Frames, f => Assert.StartsWith(payload.OutputDir + "/", f.Path, StringComparison.Ordinal));
    }

    [Fact(Timeout = 180_000)]
    public async Task A_second_run_into_a_folder_in_use_is_exit_2_naming_the_run_that_holds_it_and_the_first_run_keeps_its_frames()
    {
        var clip = await TestMedia.HardCutsAsync(TestContext.Current.CancellationToken);
        var other = await TestMedia.AnimatedGifAsync(TestContext.Current.CancellationToken);
        var output = _box.Combine("shared");
        var bytes = await File.ReadAllBytesAsync(clip.Path, TestContext.Current.CancellationToken);
        // The first run is a real process reading a stdin we hold open: it holds its folder until we finish writing.
        using var stdin = new AnonymousPipeServerStream(PipeDirection.Out);
        var first = _box.Process.Command(["-", "-o", output, "--no-audio", "--emit", "json"], PipeSource.FromStream(new AnonymousPipeClientStream(PipeDirection.In, stdin.ClientSafePipeHandle)))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(TestContext.Current.CancellationToken);
        await stdin.WriteAsync(bytes.AsMemory(0, 4096), TestContext.Current.CancellationToken);
        await stdin.FlushAsync(TestContext.Current.CancellationToken);
        while (!File.Exists(Path.Combine(output, "input.part")))
            await Task.Delay(50, TestContext.Current.CancellationToken);

        var second = await _box.Peepshow(other.Path, "--no-audio", "-o", output);
        await stdin.WriteAsync(bytes.AsMemory(4096), TestContext.Current.CancellationToken);
        stdin.Close();
        var firstResult = await first;

        Assert.True(firstResult.ExitCode == 0, firstResult.StandardError);
        var payload = ProtocolJson.Read(firstResult.StandardOutput).Payload!;
        Assert.Equal(ExitCodes.BadArguments, second.ExitCode);
        Assert.Equal(
            $"peepshow: --output {output} is in use by another peepshow run (run {payload.RunId}, pid {first.ProcessId.ToString(CultureInfo.InvariantCulture)}); wait for it to finish or choose another folder",
            second.StderrLines[0]);
        Assert.Equal(("stdin", 7), (payload.Input!.Kind, payload.Frames.Count));
        Assert.Equal(payload.Frames.Select(f => f.Path), Directory.GetFiles(output, "frame_*").Order(StringComparer.Ordinal));
        Assert.All(payload.Frames, f => Assert.Equal(f.Bytes, new FileInfo(f.Path!).Length));
    }

    [Fact(Timeout = 180_000)]
    public async Task Concurrent_runs_into_one_folder_never_mix_one_wins_with_its_own_frames_the_other_is_exit_2()
    {
        var clip = await TestMedia.HardCutsAsync(TestContext.Current.CancellationToken);
        var other = await TestMedia.TextSlidesAsync(TestContext.Current.CancellationToken);
        var output = _box.Combine("race");

        for (var round = 0; round < 3; round++)
        {
            var runs = await Task.WhenAll(
                _box.Peepshow(clip.Path, "--no-audio", "--end", "3", "--emit", "json", "-o", output),
                _box.Peepshow(other.Path, "--no-audio", "--end", "3", "--emit", "json", "-o", output));

            Assert.All(runs, r => Assert.True(r.ExitCode is 0 or ExitCodes.BadArguments, r.ToString()));
            Assert.Contains(runs, r => r.ExitCode == 0);
            foreach (var refused in runs.Where(r => r.ExitCode != 0))
                Assert.StartsWith($"peepshow: --output {output} is in use by another peepshow run (run ", refused.StderrLines[0]);
            // The last run to finish owns the folder (its manifest): exactly its frames, each the size its payload says.
            var owner = ProtocolJson.Read(await File.ReadAllTextAsync(Path.Combine(output, "manifest.json"), TestContext.Current.CancellationToken)).Payload!.RunId;
            var last = runs.Where(r => r.ExitCode == 0).Select(r => ProtocolJson.Read(r.StandardOutput).Payload!).Single(p => p.RunId == owner);
            Assert.Equal(last.Frames.Select(f => f.Path), Directory.GetFiles(output, "frame_*").Order(StringComparer.Ordinal));
            Assert.All(last.Frames, f => Assert.Equal(f.Bytes, new FileInfo(f.Path!).Length));
        }
    }

    [Fact(Timeout = 180_000)]
    public async Task A_symlink_to_a_folder_whose_delivery_is_pending_is_refused_like_the_folder_itself()
    {
        var clip = await TestMedia.HardCutsAsync(TestContext.Current.CancellationToken);
        var output = _box.Combine("o-int");
        var link = _box.Combine("o-int-link");
        var first = await _box.Peepshow(clip.Path, "--no-audio", "--end", "3", "-o", output, "--sink", "missing");
        File.CreateSymbolicLink(link, output);
        var frames = Directory.GetFiles(output, "frame_*").ToDictionary(f => f, File.ReadAllBytes);

        var second = await _box.Peepshow(clip.Path, "--no-audio", "--end", "3", "--width", "320", "-o", link);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(ExitCodes.BadArguments, second.ExitCode);
        Assert.Contains("holds frames of a run whose delivery is still in the outbox", second.StderrLines[0]);
        Assert.All(frames, f => Assert.Equal(f.Value, File.ReadAllBytes(f.Key)));
    }

    [Fact(Timeout = 180_000)]
    public async Task The_run_folder_is_owner_only_and_so_is_its_manifest()
    {
        var clip = await TestMedia.HardCutsAsync(TestContext.Current.CancellationToken);

        var run = await _box.Peepshow(clip.Path, "--no-audio", "--end", "3", "--emit", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var folder = ProtocolJson.Read(run.StandardOutput).Payload!.OutputDir;
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, ModeOf(folder));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, ModeOf(Path.Combine(folder, "manifest.json")));
        Directory.Delete(folder, recursive: true);
    }

    private static UnixFileMode ModeOf(string path)
    {
        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException("Unix file modes");
        return File.GetUnixFileMode(path);
    }

    [Fact(Timeout = 120_000)]
    public async Task Sigterm_during_a_sink_says_the_folder_was_kept_for_the_outbox_and_keeps_it()
    {
        var clip = await TestMedia.HardCutsAsync(TestContext.Current.CancellationToken);
        var output = _box.Combine("kept");
        var started = _box.Combine("sink-started");
        var process = _box.Process.Command([clip.Path, "--no-audio", "--end", "3", "-o", output, "--sink-cmd", $"touch '{started}'; sleep 60"])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(TestContext.Current.CancellationToken);
        while (!File.Exists(started))
            await Task.Delay(50, TestContext.Current.CancellationToken);

        await CliWrap.Cli.Wrap("kill").WithArguments(["-TERM", process.ProcessId.ToString(CultureInfo.InvariantCulture)]).ExecuteAsync(TestContext.Current.CancellationToken);
        var result = await process;

        Assert.Equal(ExitCodes.Interrupted, result.ExitCode);
        Assert.Equal($"peepshow: interrupted; {output} was kept: deliveries waiting in the outbox point at it (peepshow sinks pending)", result.StandardError.Trim());
        Assert.NotEmpty(Directory.GetFiles(output, "frame_*"));
        Assert.Single(_box.Outbox.List());
    }
}
