using System.Text;
using Peepshow.Protocol;
using Peepshow.Testing.Media;

namespace Peepshow.Cli.Tests;

/// <summary>What peepshow relays and stores of a sink: no secrets in any encoding, nothing that steers the terminal, names that say which sink.</summary>
public sealed class SinkRelaySpecs : IDisposable
{
    private const string Token = "dapi0123456789abcdef-secret";

    private readonly CliSandbox _box = new();

    public void Dispose() => _box.Dispose();

    // Each run looks at the first three seconds (two shots): what happens around the run is the spec, not its frames.
    private static Task<GeneratedClip> Clip() => TestMedia.HardCutsAsync(TestContext.Current.CancellationToken);

    [Fact(Timeout = 180_000)]
    public async Task A_sink_that_prints_a_token_like_curl_v_does_leaves_it_in_neither_stderr_nor_the_manifest_nor_the_outbox()
    {
        var clip = await Clip();
        _box.Process.WithEnvironment("DATABRICKS_TOKEN", Token).WithEnvironment("SEGMENT_WRITE_KEY", "wk_live_0987654321");
        // What `curl -v` prints: the header as sent, and Basic auth as base64 of user:token; then a failure.
        const string failing = """
            cat > /dev/null
            echo "> Authorization: Bearer $DATABRICKS_TOKEN" >&2
            echo "> Authorization: Basic $(printf 'token:%s' "$DATABRICKS_TOKEN" | base64 -w0)" >&2
            echo "> GET /track?write_key=$SEGMENT_WRITE_KEY" >&2
            exit 5
            """;
        const string succeeding = "cat > /dev/null; echo \"stored with $DATABRICKS_TOKEN\"";

        var run = await _box.Peepshow(clip.Path, "--no-audio", "--end", "3", "--emit", "json", "--sink-cmd", failing, "--sink-cmd", succeeding);

        Assert.True(run.ExitCode == 0, run.ToString());
        var folder = ProtocolJson.Read(run.StandardOutput).Payload!.OutputDir;
        var manifest = await File.ReadAllTextAsync(Path.Combine(folder, "manifest.json"), TestContext.Current.CancellationToken);
        var outbox = string.Concat(_box.Outbox.List().Select(l => File.ReadAllText(l.File)));
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("token:" + Token));
        foreach (var (where, text) in new[] { ("stderr", run.StandardError), ("manifest.json", manifest), ("outbox", outbox) })
        {
            Assert.False(text.Contains(Token, StringComparison.Ordinal), $"{where} holds the token:\n{text}");
            Assert.False(text.Contains(basic, StringComparison.Ordinal), $"{where} holds the token in Basic auth:\n{text}");
            Assert.False(text.Contains("wk_live_0987654321", StringComparison.Ordinal), $"{where} holds the write key:\n{text}");
        }
        Assert.Contains("peepshow: sink cmd:cat stderr: > Authorization: Bearer ***", run.StandardError);
        Assert.Contains("peepshow: sink cmd:cat stderr: > Authorization: Basic ***", run.StandardError);
        Assert.Contains("peepshow: sink cmd:cat ok: stored with ***", run.StandardError);
        Assert.Contains("write_key=***", manifest);
        Directory.Delete(folder, recursive: true);
    }

    [Fact(Timeout = 180_000)]
    public async Task Control_and_bidi_characters_in_a_sink_line_are_shown_escaped_and_a_redirected_command_is_named_by_its_program()
    {
        var clip = await Clip();

        var run = await _box.Peepshow(clip.Path, "--no-audio", "--end", "3", "--sink-cmd", @"cat>/dev/null; printf 'received run a\000b\342\200\256c\033[2J\n'");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("peepshow: sink cmd:cat ok: received run a\\u0000b\\u202ec\\u001b[2J\n", run.StandardError);
        Assert.DoesNotContain('\u202e', run.StandardError);
        Assert.DoesNotContain('\0', run.StandardError);
    }

    [Fact(Timeout = 180_000)]
    public async Task Two_skipped_auto_sinks_of_one_name_are_told_apart_by_their_number()
    {
        var clip = await Clip();
        await _box.Peepshow("sinks", "add", "counter", "--when", "ext=mkv");
        await _box.Peepshow("sinks", "add", "counter:b", "--when", "ext=webm");

        var run = await _box.Peepshow(clip.Path, "--no-audio", "--end", "3");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("peepshow: 2 auto-sinks skipped (--when did not match: #1 counter, #2 counter)\n", run.StandardError);
    }
}
