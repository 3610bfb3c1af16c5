using Peepshow.Core.AutoSinks;
using Peepshow.Core.Inputs;
using Peepshow.Core.Outbox;
using Peepshow.Core.Processes;
using Peepshow.Core.Runs;
using Peepshow.Core.Sinks;
using Peepshow.Protocol;
using Peepshow.Testing;
using Peepshow.Testing.Media;

namespace Peepshow.Core.Tests.Sinks;

public sealed class DeliveryStageSpecs : IDisposable
{
    private readonly SinkSandbox _box = new();

    public void Dispose() => _box.Dispose();

    /// <summary>The spec's home, sink folder and timeout; nothing of peepshow's from the machine running the specs.</summary>
    private EnvironmentVariables Env => EnvironmentVariables.Process.With(new Dictionary<string, string?>
    {
        [EnvNames.Home] = _box.Combine("home"),
        [EnvNames.SinkPath] = _box.SinkDir,
        [EnvNames.SinkTimeoutSeconds] = "30",
        [EnvNames.AutoSinksFile] = null,
        ["PATH"] = "/usr/bin:/bin",
    });

    private async Task<IReadOnlyList<SinkResult>> RunAsync(bool autoSinks, params SinkSpec[] cli)
    {
        var payload = _box.Payload();
        return await new DeliveryStage(cli, autoSinks, _box.Stderr, Env, _box.Combine()).DeliverAsync(payload, RunPayloads.Bytes(payload), TestContext.Current.CancellationToken);
    }

    [Fact(Timeout = 60000)]
    public async Task Auto_sinks_from_the_home_folder_run_after_the_CLI_ones_unless_turned_off()
    {
        SinkScripts.Write(_box.SinkDir, "cli", "echo from cli");
        SinkScripts.Write(_box.SinkDir, "auto", "echo from auto");
        await AutoSinkStore.FromEnvironment(Env.Get, _box.Combine()).UpdateAsync(l => { l.Add(SinkSpec.ParseName("auto")); return 0; }, TestContext.Current.CancellationToken);

        var withAuto = await RunAsync(true, SinkSpec.ParseName("cli"));
        var without = await RunAsync(false, SinkSpec.ParseName("cli"));

        Assert.Equal(["from cli", "from auto"], withAuto.Select(r => r.Record));
        Assert.Equal(["cli", "auto"], withAuto.Select(r => r.Source));
        Assert.Equal(["from cli"], without.Select(r => r.Record));
    }

    [Fact(Timeout = 60000)]
    public async Task A_broken_auto_sinks_file_refuses_the_run_up_front_instead_of_dropping_its_deliveries()
    {
        var ran = _box.Combine("ran");
        SinkScripts.Write(_box.SinkDir, "cli", $"touch '{ran}'; echo from cli");
        Directory.CreateDirectory(_box.Combine("home"));
        await File.WriteAllTextAsync(_box.Combine("home", "sinks.json"), "{oops", TestContext.Current.CancellationToken);
        var sinks = new DeliveryStage([SinkSpec.ParseName("cli")], autoSinks: true, _box.Stderr, Env, _box.Combine());

        var refused = await Assert.ThrowsAsync<PeepshowException>(() => sinks.PrepareAsync(TestContext.Current.CancellationToken));
        var withoutAuto = new DeliveryStage([SinkSpec.ParseName("cli")], autoSinks: false, _box.Stderr, Env, _box.Combine());
        await withoutAuto.PrepareAsync(TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.StateUnusable, refused.ExitCode);
        Assert.StartsWith($"the auto-sinks file {_box.Combine("home", "sinks.json")} is unusable: not valid JSON", refused.Message);
        Assert.Contains("--no-auto-sinks", refused.Hint);
        Assert.False(File.Exists(ran));
    }

    [Fact]
    public async Task No_sinks_means_no_output_and_no_outbox()
    {
        Assert.Empty(await RunAsync(true));
        Assert.Equal("", _box.Stderr.ToString());
        Assert.False(Directory.Exists(_box.Combine("home", "outbox")));
    }

    [Fact(Timeout = 180_000)]
    public async Task A_run_interrupted_while_a_sink_delivers_keeps_its_folder_for_the_queued_payload()
    {
        var clip = await TestMedia.HardCutsAsync(TestContext.Current.CancellationToken);
        var started = _box.Combine("started");
        SinkScripts.Write(_box.SinkDir, "hang", $"touch '{started}'; sleep 60");
        var services = new RunServices { Stdin = StdinSource.None, Environment = Env, Sinks = new DeliveryStage([SinkSpec.ParseName("hang")], false, TextWriter.Null, Env, _box.Combine()) };
        var output = _box.Combine("run-folder");
        using var cts = new CancellationTokenSource();

        // The first four shots are frames enough to keep; the rest of the clip would only cost its decode.
        var run = new ExtractionRun(services).RunAsync(new RunRequest { Input = clip.Path, OutputDir = output, NoAudio = true, End = 6 }, cts.Token);
        while (!File.Exists(started))
            await Task.Delay(20, TestContext.Current.CancellationToken);
        await cts.CancelAsync();

        var interrupted = await Assert.ThrowsAsync<PeepshowException>(() => run);
        Assert.Equal((ExitCodes.Interrupted, $"interrupted; {output} was kept: deliveries waiting in the outbox point at it (peepshow sinks pending)"),
            (interrupted.ExitCode, interrupted.Message));
        var payload = ProtocolJson.Read(Assert.Single(new SinkOutbox(_box.Combine("home", "outbox")).List()).Entry!.Payload).Payload!;
        Assert.Equal(output, payload.OutputDir);
        Assert.All(payload.Frames, f => Assert.True(File.Exists(f.Path), f.Path));
    }
}
