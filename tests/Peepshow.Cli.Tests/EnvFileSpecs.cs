using Peepshow.Protocol;
using Peepshow.Testing;
using Peepshow.Testing.Media;

namespace Peepshow.Cli.Tests;

/// <summary>
/// Zero-argument delivery: the real CLI reads the sink's settings from an allowed <c>.env</c> in its working
/// directory, from an otherwise clean environment, and never prints a value. Each run looks at the first three seconds
/// (two shots) of its clip: the delivery is the spec here, not the selection.
/// </summary>
public sealed class EnvFileSpecs : IDisposable
{
    private const string Secret = "s3cr3t-from-dotenv-7f1c";

    private readonly CliSandbox _box = new();

    public EnvFileSpecs()
    {
        _box.Process.WithWorkingDirectory(Project)
            .WithEnvironment(DummySink.Env.Line, null)
            .WithEnvironment(DummySink.Env.Secret, null);
        foreach (var name in new[] { "CASSANDRA_URL", "CASSANDRA_TOKEN", "CASSANDRA_KEYSPACE", "DATABRICKS_URL", "DATABRICKS_TOKEN", "DATABRICKS_WAREHOUSE_ID",
                     "EVENT_TRACK_PROVIDER", "EVENT_TRACK_TOKEN", "EVENT_TRACK_USER_ID", "EVENT_TRACK_ENDPOINT", "EVENT_TRACK_REGION", "PEEPSHOW_TRANSCRIBE_ENDPOINT" })
            _box.Process.WithEnvironment(name, null);
    }

    public void Dispose() => _box.Dispose();

    private string Project => Directory.CreateDirectory(_box.Combine("project")).FullName;

    private string DotEnv => Path.Combine(Project, ".env");

    private string Record => _box.Combine("record");

    private static Task<GeneratedClip> Clip() => TestMedia.HardCutsAsync(TestContext.Current.CancellationToken);

    private void WriteDotEnv() => File.WriteAllText(DotEnv, $"""
        # the dummy sink's settings, as a project would keep them
        export DUMMY_SINK_SECRET='{Secret}'
        DUMMY_SINK_LINE="dummy: stored <run_id> at http://127.0.0.1:9/runs/<run_id>"   # the record's link
        DUMMY_SINK_RECORD_DIR={Record}

        """);

    private static void AssertNoValue(CliResult result, params string[] values)
    {
        foreach (var value in values)
            Assert.DoesNotContain(value, result.StandardOutput + result.StandardError);
    }

    [Fact(Timeout = 240_000)]
    public async Task An_allowed_dotenv_delivers_from_a_clean_environment_and_an_unallowed_or_changed_one_is_ignored_with_a_hint()
    {
        var clip = await Clip();
        WriteDotEnv();

        var unallowed = await _box.Peepshow(clip.Path, "--no-audio", "--end", "3", "--sink", "dummy");

        Assert.True(unallowed.ExitCode == 0, unallowed.ToString());
        Assert.StartsWith($"peepshow: hint: {DotEnv} is not allowed, so peepshow ignored it; review it, then allow it with: peepshow env allow\n", unallowed.StandardError);
        Assert.Contains("peepshow: sink dummy ok: dummy: received run ", unallowed.StandardError);
        Assert.False(Directory.Exists(Record));

        var allow = await _box.Peepshow("env", "allow");
        var run = await _box.Peepshow(clip.Path, "--no-audio", "--end", "3", "--emit", "json", "--sink", "dummy");

        Assert.Equal(0, allow.ExitCode);
        Assert.Equal($"peepshow: allowed {DotEnv} as it is now (3 variables: DUMMY_SINK_SECRET, DUMMY_SINK_LINE, DUMMY_SINK_RECORD_DIR)\n", allow.StandardOutput);
        Assert.True(run.ExitCode == 0, run.ToString());
        var received = DummySink.ReadRecord(Record);
        Assert.Contains($"DUMMY_SINK_SECRET={Secret}", received.Env);
        Assert.Contains($"DUMMY_SINK_RECORD_DIR={Record}", received.Env);
        var runId = ProtocolJson.Read(run.StandardOutput).Payload!.RunId;
        Assert.Equal($"peepshow: sink dummy ok: dummy: stored {runId} at http://127.0.0.1:9/runs/{runId}\n", run.StandardError);
        var manifest = File.ReadAllText(Path.Combine(ProtocolJson.Read(run.StandardOutput).Payload!.OutputDir, "manifest.json"));
        Assert.DoesNotContain(Secret, manifest);
        AssertNoValue(allow, Secret, Record);
        AssertNoValue(run, Secret);

        File.AppendAllText(DotEnv, "PEEPSHOW_SINK_PATH=/somewhere/else\n");
        Directory.Delete(Record, recursive: true);
        var changed = await _box.Peepshow(clip.Path, "--no-audio", "--end", "3", "--sink", "dummy");

        Assert.True(changed.ExitCode == 0, changed.ToString());
        Assert.StartsWith($"peepshow: hint: {DotEnv} changed since it was allowed, so peepshow ignored it; review it, then allow it again with: peepshow env allow\n", changed.StandardError);
        Assert.False(Directory.Exists(Record));
    }

    [Fact(Timeout = 240_000)]
    public async Task A_file_named_by_PEEPSHOW_ENV_FILE_is_trusted_and_no_env_file_reads_nothing()
    {
        var clip = await Clip();
        WriteDotEnv();
        File.Move(DotEnv, Path.Combine(Project, "team.env"));
        _box.Process.WithEnvironment("PEEPSHOW_ENV_FILE", "team.env");

        var named = await _box.Peepshow(clip.Path, "--no-audio", "--end", "3", "--sink", "dummy");

        Assert.True(named.ExitCode == 0, named.ToString());
        Assert.DoesNotContain("hint", named.StandardError);
        Assert.Contains($"DUMMY_SINK_SECRET={Secret}", DummySink.ReadRecord(Record).Env);
        AssertNoValue(named, Secret);

        Directory.Delete(Record, recursive: true);
        var off = await _box.Peepshow(clip.Path, "--no-audio", "--end", "3", "--sink", "dummy", "--no-env-file");

        Assert.True(off.ExitCode == 0, off.ToString());
        Assert.Contains("peepshow: sink dummy ok: dummy: received run ", off.StandardError);
        Assert.False(Directory.Exists(Record));
    }

    [Fact(Timeout = 240_000)]
    public async Task A_secret_that_only_the_dotenv_supplies_is_masked_in_what_a_failing_sink_echoes()
    {
        var clip = await Clip();
        const string token = "dapi-from-dotenv-only-4b9e";
        var file = Path.Combine(Project, "team.env");
        File.WriteAllText(file, $"WAREHOUSE_TOKEN={token}\n");
        _box.Process.WithEnvironment("PEEPSHOW_ENV_FILE", file).WithEnvironment("WAREHOUSE_TOKEN", null);

        // Like `curl -v` against a failing backend: the request headers end up on stderr.
        var run = await _box.Peepshow(clip.Path, "--no-audio", "--end", "3", "-o", _box.Combine("run"),
            "--sink-cmd", "echo \"> Authorization: Bearer $WAREHOUSE_TOKEN\" >&2; exit 5");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Authorization: Bearer", run.StandardError);
        AssertNoValue(run, token);
        Assert.DoesNotContain(token, File.ReadAllText(_box.Combine("run", "manifest.json")));
        foreach (var entry in Directory.EnumerateFiles(Path.Combine(_box.Home, "outbox"), "*", SearchOption.AllDirectories))
            Assert.DoesNotContain(token, File.ReadAllText(entry));
    }

    [Fact(Timeout = 120_000)]
    public async Task An_endpoint_from_dotenv_is_never_paired_with_a_token_from_the_environment()
    {
        File.WriteAllText(DotEnv, "CASSANDRA_URL=https://collector.example.net:8082\nCASSANDRA_KEYSPACE=runs\n");
        await _box.Peepshow("env", "allow");
        _box.Process.WithEnvironment("CASSANDRA_TOKEN", "AstraCS:users-own-token");
        await File.WriteAllTextAsync(_box.Combine("clip.mp4"), "never read", TestContext.Current.CancellationToken);

        var run = await _box.Peepshow(_box.Combine("clip.mp4"), "--sink", "cassandra");
        var retry = await _box.Peepshow("sinks", "retry", "--all");
        var status = await _box.Peepshow("env", "status");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            $"peepshow: refusing to pair an endpoint from a .env file with credentials from the environment (cassandra: CASSANDRA_URL from {DotEnv} would receive CASSANDRA_TOKEN from the environment)\n"
            + "peepshow: hint: put the credentials in that file too, or set the endpoint in the environment, or run with --no-env-file\n",
            run.StandardError);
        Assert.Empty(run.StandardOutput);
        Assert.Equal(0, retry.ExitCode);
        Assert.Equal(
            $"file     {DotEnv}\ntrust    allowed: runs use it\nsets     CASSANDRA_URL, CASSANDRA_KEYSPACE\n",
            status.StandardOutput);
        foreach (var result in new[] { run, retry, status })
            AssertNoValue(result, "users-own-token", "collector.example.net", "runs\n");
    }

    [Fact(Timeout = 120_000)]
    public async Task Doctor_lists_each_auto_sink_as_ready_or_missing_named_variables_and_where_each_came_from()
    {
        SinkScripts.Write(_box.SinkDir, "cassandra", "cat > /dev/null");
        SinkScripts.Write(_box.SinkDir, "event-track", "cat > /dev/null");
        await _box.Peepshow("sinks", "add", "cassandra");
        await _box.Peepshow("sinks", "add", "event-track", "--when", "extension=mov");
        await _box.Peepshow("sinks", "add", "warehouse");
        await _box.Peepshow("sinks", "add-cmd", "jq -c . >> runs.ndjson");
        File.WriteAllText(DotEnv, "CASSANDRA_URL=http://127.0.0.1:8082\nEVENT_TRACK_TOKEN=file-token-value\n");
        await _box.Peepshow("env", "allow");
        _box.Process.WithEnvironment("CASSANDRA_KEYSPACE", "keyspace-value").WithEnvironment("PEEPSHOW_FFMPEG", null);

        var doctor = await _box.Peepshow("doctor");

        Assert.True(doctor.ExitCode == 0, doctor.ToString());
        var sinks = doctor.StandardOutput[doctor.StandardOutput.IndexOf("sinks\n", StringComparison.Ordinal)..].Split('\n').TakeWhile(l => l != "to do").ToList();
        Assert.Equal(
        [
            "sinks",
            $"  .env         {DotEnv} (2 of its variables in use)",
            "  cassandra    ready (CASSANDRA_URL from .env, CASSANDRA_KEYSPACE from the environment)",
            "  event-track  missing EVENT_TRACK_PROVIDER, EVENT_TRACK_USER_ID (EVENT_TRACK_TOKEN from .env)",
            "  warehouse    missing program: not found",
            "  cmd:jq       a shell command: peepshow cannot tell which variables it needs",
        ], sinks);
        Assert.Contains("  - set EVENT_TRACK_PROVIDER, EVENT_TRACK_USER_ID for the auto-sink event-track (in the environment or an allowed .env; see docs/sinks/event-track.md)\n", doctor.StandardOutput);
        AssertNoValue(doctor, "file-token-value", "keyspace-value", "127.0.0.1:8082");
    }
}
