using System.Text;
using CliWrap;
using Peepshow.Core.Processes;
using Peepshow.Testing;

namespace Peepshow.Core.Tests.Processes;

public sealed class CommandSpecs
{
    private static Command Sh(string script) => Cli.Wrap("/bin/sh").WithArguments(["-c", script]);

    [Fact(Timeout = 30000)]
    public async Task I_can_pipe_bytes_through_a_process_and_read_its_output_and_exit_code()
    {
        var result = await Sh("tr a-z A-Z; echo oops >&2; exit 3")
            .WithStandardInputPipe(PipeSource.FromString("hello"))
            .RunBufferedAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(3, result.ExitCode);
        Assert.False(result.TimedOut);
        Assert.Equal("HELLO", result.StandardOutput);
        Assert.Equal("oops\n", result.StandardError);
    }

    [Fact(Timeout = 30000)]
    public async Task I_can_pass_arguments_with_spaces_and_quotes_verbatim()
    {
        var result = await Cli.Wrap("/bin/sh")
            .WithArguments(["-c", "printf '%s|' \"$@\"", "sh", "a b", "it's", ""])
            .RunBufferedAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("a b|it's||", result.StandardOutput);
    }

    [Fact(Timeout = 30000)]
    public async Task I_can_add_and_remove_environment_variables()
    {
        Environment.SetEnvironmentVariable("PEEPSHOW_SPEC_INHERITED", "yes");
        var result = await Sh("echo \"$ADDED|${PEEPSHOW_SPEC_INHERITED:-gone}\"")
            .WithEnvironmentVariable("ADDED", "1")
            .WithEnvironmentVariable("PEEPSHOW_SPEC_INHERITED", null)
            .RunBufferedAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("1|gone\n", result.StandardOutput);
    }

    [Fact(Timeout = 30000)]
    public async Task A_process_that_outlives_its_timeout_is_killed_with_its_children()
    {
        using var dir = new TempDir();
        var pidFile = dir.Combine("child.pid");

        var result = await Sh($"sleep 300 & echo $! > '{pidFile}'; wait")
            .RunAsync(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);

        Assert.True(result.TimedOut);
        Assert.False(result.IsSuccess);
        var childPid = int.Parse((await File.ReadAllTextAsync(pidFile, TestContext.Current.CancellationToken)).Trim());
        Assert.False(await ProcessTable.IsStillAliveAfterAMomentAsync(childPid, TestContext.Current.CancellationToken), $"child {childPid} survived the kill");
    }

    [Fact(Timeout = 30000)]
    public async Task Cancelling_kills_the_process_and_throws()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Sh("sleep 300").RunAsync(cancellationToken: cts.Token));
    }

    [Fact(Timeout = 60000)]
    public async Task A_process_writing_10_MB_to_stderr_does_not_hang_and_only_the_tail_is_kept()
    {
        var tail = new TailBuffer(1000);

        var result = await Sh("head -c 10485760 /dev/zero | tr '\\0' x >&2; printf END >&2")
            .WithStandardErrorPipe(tail.ToPipeTarget())
            .RunAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
        Assert.True(tail.Truncated);
        Assert.Equal(1000, tail.ToString().Length);
        Assert.EndsWith("xEND", tail.ToString());
    }

    [Fact(Timeout = 30000)]
    public async Task A_missing_program_fails_to_start_with_its_path_in_the_message()
    {
        var ex = await Assert.ThrowsAsync<CommandStartException>(() =>
            Cli.Wrap("/nonexistent/peepshow-nothing").RunAsync(cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("/nonexistent/peepshow-nothing", ex.Message);
    }

    [Fact(Timeout = 30000)]
    public async Task A_process_that_ignores_stdin_does_not_break_the_runner()
    {
        var big = new byte[4 * 1024 * 1024];

        var result = await Sh("exit 0")
            .WithStandardInputPipe(PipeSource.FromBytes(big))
            .RunAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
    }

    [Fact(Timeout = 30000)]
    public async Task Merged_targets_each_see_every_byte()
    {
        var lines = new List<string>();
        var copy = new MemoryStream();

        await Sh("seq 1 5000")
            .WithStandardOutputPipe(PipeTarget.Merge(PipeTarget.ToDelegate(lines.Add), PipeTarget.ToStream(copy)))
            .RunAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(5000, lines.Count);
        Assert.Equal("5000", lines[^1]);
        Assert.Equal(string.Join("", Enumerable.Range(1, 5000).Select(i => i + "\n")), Encoding.ASCII.GetString(copy.ToArray()));
    }

    [Fact(Timeout = 30000)]
    public async Task Cancelling_kills_the_whole_process_tree_down_to_grandchildren()
    {
        using var dir = new TempDir();
        var pidFile = dir.Combine("grandchild.pid");
        using var cts = new CancellationTokenSource();

        var run = Sh($"sh -c 'sleep 300 & echo $! > \"{pidFile}\"; wait' & wait").RunAsync(cancellationToken: cts.Token);
        while (!File.Exists(pidFile) || (await File.ReadAllTextAsync(pidFile, TestContext.Current.CancellationToken)).Trim().Length == 0)
            await Task.Delay(20, TestContext.Current.CancellationToken);
        var grandchildPid = int.Parse((await File.ReadAllTextAsync(pidFile, TestContext.Current.CancellationToken)).Trim());
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.False(await ProcessTable.IsStillAliveAfterAMomentAsync(grandchildPid, TestContext.Current.CancellationToken), $"grandchild {grandchildPid} survived the kill");
    }

    [Fact(Timeout = 30000)]
    public async Task A_background_grandchild_holding_the_output_pipes_does_not_hang_the_run()
    {
        using var dir = new TempDir();
        var pidFile = dir.Combine("grandchild.pid");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = await Sh($"sleep 60 & echo $! > '{pidFile}'; echo done; exit 4").RunBufferedAsync(cancellationToken: TestContext.Current.CancellationToken);

        clock.Stop();
        await Cli.Wrap("kill").WithArguments((await File.ReadAllTextAsync(pidFile, TestContext.Current.CancellationToken)).Trim()).RunAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(4, result.ExitCode);
        Assert.False(result.TimedOut);
        Assert.Equal("done\n", result.StandardOutput);
        Assert.InRange(clock.Elapsed.TotalSeconds, 0, 20);
    }
}
