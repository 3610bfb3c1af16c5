using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CliWrap;
using Peepshow.Core.Processes;
using Peepshow.Testing;
using Peepshow.Testing.Http;
using Peepshow.Testing.Media;

namespace Peepshow.Cli.Tests;

/// <summary>
/// <c>peepshow batch --shard auto</c> under a real scheduler: a single-node Slurm (munged, slurmctld, slurmd from
/// Debian's slurm-wlm and munge, which ./build.sh installs) started for the spec with its own config, key and
/// ports in a temp folder, and stopped after it, passed or not. The daemons run as root, as Slurm requires; CI
/// runs as root.
/// </summary>
/// <remarks>
/// The daemons listen on 127.0.0.1 only: <c>NoCtldInAddrAny,NoInAddrAny</c> make slurmctld and slurmd bind the
/// address their host name resolves to instead of every interface, and they run with the host name
/// <c>localhost</c> (a UTS namespace of their own, so the machine's name and where it resolves do not matter).
/// The spec reads the daemons' listening sockets from /proc to hold them to that.
/// </remarks>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SlurmArraySpecs : IDisposable
{
    private readonly TempDir _dir = new("peepshow-slurm");
    private readonly List<string> _pidFiles = [];
    private string? _conf;

    public void Dispose()
    {
        // Jobs still running (a failed spec) would outlive slurmd: cancel them while slurmctld is up.
        if (_conf is not null)
            Slurm("/usr/bin/scancel", ["--full", "--user=root"], _conf).RunAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
        // Every daemon killed at once, then waited for until it is a zombie: a zombie runs and writes nothing more,
        // and init here reaps one only a second or two after its death (waiting for that, one daemon after another,
        // kept the spec 4.5 s longer).
        var pids = _pidFiles.Select(ReadPid).OfType<int>().ToList();
        foreach (var pid in pids)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }
        foreach (var pid in pids)
            ProcessTable.IsStillAliveAfterAMomentAsync(pid, CancellationToken.None, TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
        _dir.Dispose();
    }

    [Fact(Timeout = 300_000)]
    public async Task A_Slurm_job_array_of_four_tasks_runs_every_clip_exactly_once()
    {
        var ct = TestContext.Current.CancellationToken;
        foreach (var tool in new[] { "/usr/sbin/munged", "/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/bin/sbatch", "/usr/bin/unshare" })
            Assert.True(File.Exists(tool), $"{tool} is missing: install slurm-wlm, munge and util-linux (./build.sh does, as root)");
        Assert.True(Environment.UserName == "root", "a single-node Slurm needs root to start slurmd; CI runs as root");

        var clip = await TestMedia.HardCutsAsync(ct);
        var conf = await StartClusterAsync(ct);
        AssertListeningOnLoopbackOnly();
        var clips = Directory.CreateDirectory(_dir.Combine("clips")).FullName;
        for (var i = 0; i < 8; i++)
            File.Copy(clip.Path, Path.Combine(clips, $"call-{i}.mp4"));
        var deliveries = Directory.CreateDirectory(_dir.Combine("deliveries")).FullName;
        var done = Directory.CreateDirectory(_dir.Combine("done")).FullName;
        var home = Directory.CreateDirectory(_dir.Combine("home")).FullName;
        // Each run looks at the first three seconds (two shots) of its clip: which task runs which clip is the spec, not the selection.
        var (program, arguments) = PeepshowProcess.Invocation(
        [
            "batch", clips, "--shard", "auto", "--output-root", _dir.Combine("runs"), "--jobs", "1", "--max", "2", "--end", "3", "--no-audio", "--no-env-file",
            "--sink-cmd", $"cat > \"$(mktemp '{deliveries}/delivery.XXXXXX')\"; echo stored",
        ]);
        var script = _dir.Combine("peepshow-array.sh");
        await File.WriteAllTextAsync(script,
            "#!/bin/sh\n" +
            $"export PEEPSHOW_HOME='{home}' PEEPSHOW_TRANSCRIBE=off DOTNET_NOLOGO=1\n" +
            $"{Quote(program)} {string.Join(' ', arguments.Select(Quote))} > '{done}/task-'$SLURM_ARRAY_TASK_ID.ndjson\n" +
            $"echo $? > '{done}/task-'$SLURM_ARRAY_TASK_ID.exit\n", ct);

        var submit = await Slurm("/usr/bin/sbatch", ["--parsable", "--array=0-3", "--output", _dir.Combine("task-%a.log"), script], conf)
            .RunBufferedAsync(TimeSpan.FromSeconds(30), cancellationToken: ct);
        Assert.True(submit.ExitCode == 0, $"sbatch: {submit.StandardError}");

        var deadline = Stopwatch.StartNew();
        while (Directory.GetFiles(done, "*.exit").Length < 4)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(4),
                $"the array did not finish in 4 minutes; done: {string.Join(", ", Directory.GetFiles(done))}\n{Logs()}");
            await Task.Delay(250, ct);
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

    /// <summary>
    /// Every TCP socket slurmctld and slurmd listen on is 127.0.0.1 (and each has one: a daemon with none would
    /// make this check pass for nothing); munged has none, it serves a Unix socket.
    /// </summary>
    private void AssertListeningOnLoopbackOnly()
    {
        var daemons = _pidFiles.ToDictionary(f => Path.GetFileNameWithoutExtension(f)!, f => ReadPid(f) ?? throw new InvalidOperationException($"no pid in {f}"));
        foreach (var (name, pid) in daemons)
        {
            var sockets = Directory.GetFiles($"/proc/{pid}/fd")
                .Select(fd => new FileInfo(fd).LinkTarget)
                .Where(t => t is not null && t.StartsWith("socket:[", StringComparison.Ordinal))
                .Select(t => t![8..^1])
                .ToHashSet(StringComparer.Ordinal);
            var listening = new[] { "tcp", "tcp6" }
                .SelectMany(table => File.ReadAllLines($"/proc/{pid}/net/{table}").Skip(1).Select(row => (table, columns: row.Split(' ', StringSplitOptions.RemoveEmptyEntries))))
                // Columns: sl, local address, remote address, state (0A = LISTEN), …, inode (the 10th).
                .Where(r => r.columns[3] == "0A" && sockets.Contains(r.columns[9]))
                .Select(r => $"{r.table} {LocalAddress(r.columns[1])}")
                .ToList();
            if (name == "munged")
                Assert.Empty(listening);
            else
                Assert.True(listening.Count > 0 && listening.All(l => l.StartsWith("tcp 127.0.0.1:", StringComparison.Ordinal)),
                    $"{name} listens on {(listening.Count == 0 ? "nothing" : string.Join(", ", listening))}, expected 127.0.0.1 only");
        }
    }

    /// <summary>/proc/net/tcp writes an IPv4 address as one little-endian hex word and the port in hex: 0100007F:1F90.</summary>
    private static string LocalAddress(string hex)
    {
        var (address, port) = (hex[..hex.IndexOf(':')], int.Parse(hex[(hex.IndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        if (address.Length != 8)
            return $"[{address}]:{port}";
        var bytes = Convert.FromHexString(address);
        Array.Reverse(bytes);
        return $"{string.Join('.', bytes)}:{port}";
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
            "SlurmctldHost=localhost(127.0.0.1)",
            $"SlurmctldPort={LoopbackServer.UnusedPort()}",
            $"SlurmdPort={LoopbackServer.UnusedPort()}",
            "CommunicationParameters=NoCtldInAddrAny,NoInAddrAny",
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

        // Each pid file is listed before its daemon starts, so Dispose stops whatever got started.
        _pidFiles.Add(Path.Combine(munge, "munged.pid"));
        await StartedAsync(Slurm("/usr/sbin/munged", [$"--key-file={key}", $"--socket={socket}", $"--pid-file={_pidFiles[^1]}",
            $"--log-file={Path.Combine(munge, "munged.log")}", $"--seed-file={Path.Combine(munge, "seed")}", "--force"], conf), ct);
        _pidFiles.Add(_dir.Combine("slurmctld.pid"));
        _pidFiles.Add(_dir.Combine("slurmd.pid"));
        _conf = conf;
        // Both under the host name localhost (see the remarks); the namespace lives as long as they do.
        await StartedAsync(Slurm("/usr/bin/unshare", ["--uts", "/bin/sh", "-c",
            $"hostname localhost && /usr/sbin/slurmctld -f {Quote(conf)} -i && /usr/sbin/slurmd -f {Quote(conf)} -N localhost"], conf), ct);

        var wait = Stopwatch.StartNew();
        while (true)
        {
            var info = await Slurm("/usr/bin/sinfo", ["-h", "-o", "%t"], conf).RunBufferedAsync(TimeSpan.FromSeconds(30), cancellationToken: ct);
            if (info.StandardOutput.Trim() == "idle")
                return conf;
            Assert.True(wait.Elapsed < TimeSpan.FromSeconds(60), $"the Slurm node did not come up: {info.StandardOutput}{info.StandardError}\n{Logs()}");
            await Task.Delay(250, ct);
        }
    }

    /// <summary>Starts daemons: each forks into the background and writes its pid file; the command ends when they have.</summary>
    private static async Task StartedAsync(Command command, CancellationToken ct)
    {
        var result = await command.RunBufferedAsync(TimeSpan.FromSeconds(30), cancellationToken: ct);
        Assert.True(result.ExitCode == 0, $"{command.TargetFilePath} {command.Arguments} exited {result.ExitCode}: {result.StandardError}");
    }

    private static Command Slurm(string program, IReadOnlyList<string> args, string conf) =>
        CliWrap.Cli.Wrap(program).WithArguments(args).WithEnvironmentVariables(env => env.Set("SLURM_CONF", conf));

    private static int? ReadPid(string pidFile) =>
        File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture, out var pid) ? pid : null;

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
