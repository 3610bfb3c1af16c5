using System.Diagnostics;
using System.Globalization;
using System.Text;
using CliWrap;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Peepshow.Core.Processes;
using Peepshow.Protocol;
using Peepshow.Testing;
using Peepshow.Testing.Http;
using Peepshow.Testing.Media;

namespace Peepshow.Cli.Tests;

/// <summary>The four kinds of input, end to end through the executable.</summary>
public sealed class InputSpecs
{
    [Fact(Timeout = 120_000)]
    public async Task I_can_pipe_a_video_into_stdin()
    {
        var clip = await TestMedia.AnimatedGifAsync(TestContext.Current.CancellationToken);
        using var peepshow = new PeepshowProcess();

        var result = await peepshow.RunAsync(["-", "--emit", "json"], PipeSource.FromFile(clip.Path), TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, result.ToString());
        var payload = ProtocolJson.Read(result.StandardOutput).Payload!;
        Assert.Equal(("stdin", "gif"), (payload.Input!.Kind, payload.Input.Extension));
        Assert.NotEmpty(payload.Frames);
        Directory.Delete(payload.OutputDir, recursive: true);
    }

    [Fact(Timeout = 120_000)]
    public async Task I_can_pass_an_animated_image_as_a_data_uri()
    {
        var clip = await TestMedia.AnimatedGifAsync(TestContext.Current.CancellationToken);
        var uri = "data:image/gif;base64," + Convert.ToBase64String(await File.ReadAllBytesAsync(clip.Path, TestContext.Current.CancellationToken));
        using var peepshow = new PeepshowProcess();

        var result = await peepshow.RunAsync(TestContext.Current.CancellationToken, uri, "--emit", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var payload = ProtocolJson.Read(result.StandardOutput).Payload!;
        Assert.Equal("data-uri", payload.Input!.Kind);
        Assert.NotEmpty(payload.Frames);
        Directory.Delete(payload.OutputDir, recursive: true);
    }

    [Fact(Timeout = 120_000)]
    public async Task I_can_give_an_http_url()
    {
        var clip = await TestMedia.HardCutsAsync(TestContext.Current.CancellationToken);
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/media/cuts.mp4", () => Results.File(clip.Path, "video/mp4")),
            cancellationToken: TestContext.Current.CancellationToken);
        using var peepshow = new PeepshowProcess();

        var result = await peepshow.RunAsync(TestContext.Current.CancellationToken, new Uri(server.BaseUri, "media/cuts.mp4").ToString(), "--emit", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var payload = ProtocolJson.Read(result.StandardOutput).Payload!;
        Assert.Equal(("url", "cuts.mp4"), (payload.Input!.Kind, payload.Input.Filename));
        Assert.Equal(7, payload.Frames.Count);
        Assert.True(File.Exists(Path.Combine(payload.OutputDir, "input.mp4")));
        Directory.Delete(payload.OutputDir, recursive: true);
    }

    [Fact(Timeout = 180_000)]
    public async Task Pipes_given_as_a_path_are_read_like_stdin_a_fifo_dev_stdin_and_process_substitution()
    {
        var clip = await TestMedia.HardCutsAsync(TestContext.Current.CancellationToken);
        using var dir = new TempDir();
        using var peepshow = new PeepshowProcess();
        var fifo = dir.Combine("incoming.mp4");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
            await mkfifo.WaitForExitAsync(TestContext.Current.CancellationToken);
        var writer = Task.Run(() => File.WriteAllBytes(fifo, File.ReadAllBytes(clip.Path)), TestContext.Current.CancellationToken);

        var fromFifo = await peepshow.RunAsync(TestContext.Current.CancellationToken, fifo, "--no-audio", "--emit", "json", "-o", dir.Combine("fifo"));
        await writer;
        var fromDevStdin = await peepshow.RunAsync(["/dev/stdin", "--no-audio", "--emit", "json", "-o", dir.Combine("stdin")], PipeSource.FromFile(clip.Path), TestContext.Current.CancellationToken);
        var (exit, stdout, stderr) = await BashAsync(peepshow, $"{Invocation("--no-audio", "--emit", "json", "-o", dir.Combine("subst"))} <(cat '{clip.Path}')");

        Assert.True(fromFifo.ExitCode == 0, fromFifo.ToString());
        var payload = ProtocolJson.Read(fromFifo.StandardOutput).Payload!;
        Assert.Equal(("path", fifo, "mp4", new FileInfo(clip.Path).Length), (payload.Input!.Kind, payload.Input.Path, payload.Input.Extension, payload.Input.SizeBytes));
        Assert.Equal(7, payload.Frames.Count);
        Assert.True(File.Exists(dir.Combine("fifo", "input.mp4")));
        Assert.True(fromDevStdin.ExitCode == 0, fromDevStdin.ToString());
        Assert.Equal(7, ProtocolJson.Read(fromDevStdin.StandardOutput).Payload!.Frames.Count);
        Assert.True(exit == 0, stderr);
        Assert.Equal(7, ProtocolJson.Read(stdout).Payload!.Frames.Count);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("/dev/zero")]
    [InlineData("/dev/urandom")]
    public async Task A_device_that_streams_no_video_is_refused_from_its_first_bytes(string device)
    {
        using var dir = new TempDir();
        using var peepshow = new PeepshowProcess();

        var result = await peepshow.RunAsync(TestContext.Current.CancellationToken, device, "-o", dir.Combine("run"));

        Assert.Equal(4, result.ExitCode);
        Assert.Equal($"peepshow: {device} is not a regular file (a pipe or a device), and what it sends does not start like a video or an animated image", result.StderrLines[0]);
        Assert.False(Directory.Exists(dir.Combine("run")));
    }

    private static string Invocation(params string[] args)
    {
        var (fileName, arguments) = PeepshowProcess.Invocation(args);
        return string.Join(' ', new[] { fileName }.Concat(arguments).Select(a => $"'{a}'"));
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> BashAsync(PeepshowProcess peepshow, string script)
    {
        // The sandbox's environment, with bash in front so that <(…) means what it does for a user.
        var start = peepshow.StartInfo([]);
        start.FileName = "/bin/bash";
        start.ArgumentList.Clear();
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.RedirectStandardInput = false;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact(Timeout = 60_000)]
    public async Task Ctrl_c_stops_the_run_with_130_and_removes_the_partial_run_folder()
    {
        using var peepshow = new PeepshowProcess();
        using var dir = new TempDir();
        var run = dir.Combine("run");
        var stderr = new StringBuilder();
        // A stdin that sends a little and then stalls keeps the run busy until the signal.
        var stalling = PipeSource.Create(async (stdin, ct) =>
        {
            await stdin.WriteAsync(new byte[64 * 1024], ct);
            await stdin.FlushAsync(ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        var process = peepshow.Command(["-", "-o", run], stalling)
            .WithValidation(CommandResultValidation.None)
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(stderr, Encoding.UTF8))
            .ExecuteAsync(TestContext.Current.CancellationToken);

        while (!File.Exists(Path.Combine(run, "input.part")))
            await Task.Delay(50, TestContext.Current.CancellationToken);
        // The signal a terminal's Ctrl+C sends, to peepshow alone (CliWrap's graceful cancellation would
        // send the same but then report a cancellation instead of the exit code this spec is about).
        await CliWrap.Cli.Wrap("kill").WithArguments(["-INT", process.ProcessId.ToString(CultureInfo.InvariantCulture)]).RunAsync(cancellationToken: TestContext.Current.CancellationToken);
        var result = await process;

        Assert.Equal(130, result.ExitCode);
        Assert.Equal("peepshow: interrupted; the partial run was removed", stderr.ToString().Trim());
        Assert.False(Directory.Exists(run));
    }
}
