using System.Text.Json;
using Peepshow.Testing;
using Peepshow.Testing.Media;

namespace Peepshow.Cli.Tests;

/// <summary>The link a sink prints travels into manifest.json, the relayed stderr line, the Delivered section and retries.</summary>
public sealed class RecordLinkSpecs : IDisposable
{
    private const string Line = "dummy: stored <run_id> at http://127.0.0.1:9/runs/<run_id>.";

    private readonly CliSandbox _box = new();

    public RecordLinkSpecs() => _box.Process.WithEnvironment(DummySink.Env.Line, Line);

    public void Dispose() => _box.Dispose();

    [Fact(Timeout = 180_000)]
    public async Task A_link_in_the_success_line_reaches_the_manifest_stderr_and_the_Delivered_section_and_a_failed_sink_names_its_retry()
    {
        // The first three seconds (two shots) of the clip are run: the delivery is the spec, not the frames.
        var clip = await TestMedia.HardCutsAsync(TestContext.Current.CancellationToken);
        var output = _box.Combine("out");

        var run = await _box.Peepshow(clip.Path, "--no-audio", "--end", "3", "-o", output, "--emit", "markdown", "--sink", "dummy", "--sink", "warehouse");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "manifest.json")));
        var runId = manifest.RootElement.GetProperty("runId").GetString();
        var link = $"http://127.0.0.1:9/runs/{runId}";
        var sinks = manifest.RootElement.GetProperty("sinks");
        Assert.Equal(link, sinks[0].GetProperty("url").GetString());
        Assert.Equal($"dummy: stored {runId} at {link}.", sinks[0].GetProperty("record").GetString());
        Assert.False(sinks[1].TryGetProperty("url", out _));
        Assert.StartsWith($"peepshow: sink dummy ok: dummy: stored {runId} at {link}.\n", run.StandardError);
        var outboxId = sinks[1].GetProperty("outboxId").GetString();
        Assert.EndsWith(
            $"""

            ## Delivered

            - dummy: ok, {link}
            - warehouse: failed (peepshow-sink-warehouse not found in PEEPSHOW_SINK_PATH, peepshow's folder or PATH); replay with: peepshow sinks retry {outboxId}

            """.ReplaceLineEndings("\n"),
            run.StandardOutput);

        // Once the backend is there, the replay prints the link as well.
        SinkScripts.WriteDummy(_box.SinkDir, "warehouse", new() { [DummySink.Env.Line] = "warehouse: row <run_id> at https://warehouse.example/rows/<run_id>" });
        var retry = await _box.Peepshow("sinks", "retry", "--all");

        Assert.Equal(0, retry.ExitCode);
        Assert.StartsWith($"peepshow: sink warehouse ok: warehouse: row {runId} at https://warehouse.example/rows/{runId}\n", retry.StandardError);
    }

    [Fact(Timeout = 180_000)]
    public async Task The_timeline_closes_with_the_Delivered_section_too()
    {
        // The first three seconds (two shots) of the clip are run: the delivery is the spec, not the frames.
        var clip = await TestMedia.HardCutsAsync(TestContext.Current.CancellationToken);

        var run = await _box.Peepshow(clip.Path, "--no-audio", "--end", "3", "--emit", "timeline", "--sink", "dummy");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("# Timeline of ", run.StandardOutput);
        Assert.Matches(@"\n## Delivered\n\n- dummy: ok, http://127\.0\.0\.1:9/runs/[0-9T]+-[a-z0-9]+\n$", run.StandardOutput);
    }
}
