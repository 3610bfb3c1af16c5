using System.Diagnostics;
using System.Text.Json;
using Peepshow.Testing;
using Peepshow.Testing.Http;
using Peepshow.Testing.Media;

namespace Peepshow.Cli.Tests;

/// <summary>
/// <c>peepshow batch --shard auto</c> under a real scheduler: a single-node Slurm (munged, slurmctld, slurmd from
/// Debian's slurm-wlm and munge, which ./build.sh installs) started for the spec with its own config, key and
/// ports in a temp folder, and stopped after it. The daemons run as root, as Slurm requires; CI runs as root.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SlurmArraySpecs : IDisposable
{
    private readonly TempDir _dir = new("peepshow-slurm");
    private readonly List<string> _pidFiles = [];

    public void Dispose()
    {
        // slurmd and slurmctld first: they talk to munged while shutting down.
        foreach (var pidFile in _pidFiles.AsEnumerable().Reverse())
        {
            try
            {
                if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
                {
                    using var process = Process.GetProcessById(pid);
                    process.Kill();
                    process.WaitForExit(10_000);
                }
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }
        _dir.Dispose();
    }

    [Fact(Timeout = 420_000)]
    public async Task A_Slurm_job_array_of_four_tasks_runs_every_clip_exactly_once()
    {
        var ct = TestContext.Current.CancellationToken;
        foreach (var tool in new[] { "/usr/sbin/munged", "/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/bin/sbatch" })
            Assert.True(File.Exists(tool), $"{tool} is missing: install slurm-wlm and munge (./build.sh does, as root)");
        Assert.True(Environment.UserName == "root", "a single-node Slurm needs root to start slurmd; CI runs as root");

        var conf = await StartClusterAsync(ct);
        var clip = await TestMedia.HardCutsAsync(ct);
        var clips = Directory.CreateDirectory(_dir.Combine("clips")).FullName;
        for (var i = 0; i < 8; i++)
            File.Copy(clip.Path, Path.Combine(clips, $"call-{i}.mp4"));
        var deliveries = Directory.CreateDirectory(_dir.Combine("deliveries")).FullName;
        var done = Directory.CreateDirectory(_dir.Combine("done")).FullName;
        var home = Directory.CreateDirectory(_dir.Combine("home")).FullName;
        var (program, arguments) = PeepshowProcess.Invocation(
        [
            "batch", clips, "--shard", "auto", "--output-root", _dir.Combine("runs"), "--jobs", "1", "--max", "2", "--no-audio",
            "--sink-cmd", $"cat > \"$(mktemp '{deliveries}/delivery.XXXXXX')\"; echo stored",
        ]);
        var script = _dir.Combine("peepshow-array.sh");
        await File.WriteAllTextAsync(script,
            "#!/bin/sh\n" +
            $"export PEEPSHOW_HOME='{home}' PEEPSHOW_TRANSCRIBE=off DOTNET_NOLOGO=1\n" +
            $"{Quote(program)} {string.Join(' ', arguments.Select(Quote))} > '{done}/task-'$SLURM_ARRAY_TASK_ID.ndjson\n" +
            $"echo $? > '{done}/task-'$SLURM_ARRAY_TASK_ID.exit\n", ct);

        var submit = await RunAsync("/usr/bin/sbatch", ["--parsable", "--array=0-3", "--output", _dir.Combine("task-%a.log"), script], conf, ct);
        Assert.True(submit.ExitCode == 0, submit.ToString());

        var deadline = Stopwatch.StartNew();
        while (Directory.GetFiles(done, "*.exit").Length < 4)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(5),
                $"the array did not finish in 5 minutes; done: {string.Join(", ", Directory.GetFiles(done))}\n{Logs()}");
            await Task.Delay(500, ct);
        }

        for (var task = 0; task < 4; task++)
            Assert.True((await File.ReadAllTextAsync(Path.Combine(done, $"task-{task}.exit"), ct)).Trim() == "0", $"task {task} failed\n{Logs()}");
        var lines = Directory.GetFiles(done, "*.ndjson")
            .SelectMany(File.ReadAllLines)
            .Select(l => JsonDocument.Parse(l).RootElement.Clone())
            .ToList();
        Assert.Equal(Directory.GetFiles(clips).Order(), lines.Select(l => l.GetProperty("input").GetString()).Order());
        Assert.All(lines, l => Assert.Equal("ok", l.GetProperty("status").GetString()));
        var delivered = Directory.GetFiles(deliveries).Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("runId").GetString()).ToList();
        Assert.Equal(8, delivered.Count);
        Assert.Equal(lines.Select(l => l.GetProperty("runId").GetString()).Order(), delivered.Order());
    }

    private string Logs() => string.Join('\n', Directory.GetFiles(_dir.Path, "*.log", SearchOption.AllDirectories)
        .Select(f => $"--- {f}\n{string.Join('\n', File.ReadAllLines(f).TakeLast(15))}"));

    /// <summary>munged, slurmctld and slurmd with a config of this spec's own; returns the config's path once the node is idle.</summary>
    private async Task<string> StartClusterAsync(CancellationToken ct)
    {
        var munge = Directory.CreateDirectory(_dir.Combine("munge")).FullName;
        File.SetUnixFileMode(munge, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var key = Path.Combine(munge, "munge.key");
        await File.WriteAllBytesAsync(key, System.Security.Cryptography.RandomNumberGenerator.GetBytes(1024), ct);
        File.SetUnixFileMode(key, UnixFileMode.UserRead);
        var socket = Path.Combine(munge, "munge.sock");
        foreach (var folder in new[] { "state", "spool", "log" })
            Directory.CreateDirectory(_dir.Combine(folder));

        var conf = _dir.Combine("slurm.conf");
        await File.WriteAllLinesAsync(conf,
        [
            "ClusterName=peepshowspec",
            "SlurmctldHost=localhost",
            $"SlurmctldPort={LoopbackServer.UnusedPort()}",
            $"SlurmdPort={LoopbackServer.UnusedPort()}",
            "SlurmUser=root",
            "SlurmdUser=root",
            "AuthType=auth/munge",
            $"AuthInfo=socket={socket}",
            "CryptoType=crypto/munge",
            $"StateSaveLocation={_dir.Combine("state")}",
            $"SlurmdSpoolDir={_dir.Combine("spool")}",
            $"SlurmctldPidFile={_dir.Combine("slurmctld.pid")}",
            $"SlurmdPidFile={_dir.Combine("slurmd.pid")}",
            $"SlurmctldLogFile={_dir.Combine("log", "slurmctld.log")}",
            $"SlurmdLogFile={_dir.Combine("log", "slurmd.log")}",
            "ProctrackType=proctrack/linuxproc",
            "TaskPlugin=task/none",
            "SelectType=select/cons_tres",
            "SelectTypeParameters=CR_CPU",
            "MpiDefault=none",
            "ReturnToService=2",
            "SchedulerType=sched/builtin",
            "AccountingStorageType=accounting_storage/none",
            "JobAcctGatherType=jobacct_gather/none",
            "JobCompType=jobcomp/none",
            "NodeName=localhost NodeAddr=127.0.0.1 CPUs=2 State=UNKNOWN",
            "PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP",
        ], ct);

        _pidFiles.Add(Path.Combine(munge, "munged.pid"));
        await Started("/usr/sbin/munged", [$"--key-file={key}", $"--socket={socket}", $"--pid-file={_pidFiles[^1]}",
            $"--log-file={Path.Combine(munge, "munged.log")}", $"--seed-file={Path.Combine(munge, "seed")}", "--force"], conf, ct);
        _pidFiles.Add(_dir.Combine("slurmctld.pid"));
        await Started("/usr/sbin/slurmctld", ["-f", conf, "-i"], conf, ct);
        _pidFiles.Add(_dir.Combine("slurmd.pid"));
        await Started("/usr/sbin/slurmd", ["-f", conf, "-N", "localhost"], conf, ct);

        var wait = Stopwatch.StartNew();
        while (true)
        {
            var info = await RunAsync("/usr/bin/sinfo", ["-h", "-o", "%t"], conf, ct);
            if (info.StandardOutput.Trim() == "idle")
                return conf;
            Assert.True(wait.Elapsed < TimeSpan.FromSeconds(60), $"the Slurm node did not come up: {info}\n{Logs()}");
            await Task.Delay(500, ct);
        }
    }

    /// <summary>Starts a daemon: it forks into the background, writes its pid file, and keeps our pipes, so they are never read to the end.</summary>
    private static async Task Started(string daemon, IReadOnlyList<string> args, string conf, CancellationToken ct)
    {
        using var process = Process.Start(StartInfo(daemon, args, conf))!;
        await process.WaitForExitAsync(ct);
        Assert.True(process.ExitCode == 0, $"{daemon} exited {process.ExitCode}");
    }

    private static async Task<CliResult> RunAsync(string program, IReadOnlyList<string> args, string conf, CancellationToken ct)
    {
        using var process = Process.Start(StartInfo(program, args, conf))!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    private static ProcessStartInfo StartInfo(string program, IReadOnlyList<string> args, string conf)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["SLURM_CONF"] = conf;
        return start;
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
