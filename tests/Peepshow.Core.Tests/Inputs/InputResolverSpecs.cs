using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Peepshow.Core.Inputs;
using Peepshow.Testing;
using Peepshow.Testing.Http;

namespace Peepshow.Core.Tests.Inputs;

public sealed class InputResolverSpecs
{
    private static readonly byte[] Mp4Head = [0, 0, 0, 0x20, .. "ftypisom"u8, .. new byte[64]];

    private static InputResolver Resolver(TimeSpan? timeout = null, long? maxBytes = null) => new(new InputLimits
    {
        Timeout = timeout ?? TimeSpan.FromSeconds(10),
        MaxBytes = maxBytes ?? 1024 * 1024,
    });

    [Fact]
    public async Task A_local_path_is_used_in_place()
    {
        using var dir = new TempDir();
        var clip = dir.Combine("My Clip.MOV");
        await File.WriteAllBytesAsync(clip, Mp4Head, TestContext.Current.CancellationToken);

        var input = await Resolver().ResolveAsync(clip, dir.Path, StdinSource.None, TestContext.Current.CancellationToken);

        Assert.Equal(clip, input.LocalPath);
        Assert.Equal("path", input.Info.Kind);
        Assert.Equal("My Clip.MOV", input.Info.Filename);
        Assert.Equal("mov", input.Info.Extension);
        Assert.Equal(Mp4Head.Length, input.Info.SizeBytes);
        Assert.False(input.IsCopy);
    }

    [Theory]
    [InlineData("missing.mp4", "missing.mp4: no such file")]
    [InlineData("folder", "folder is a directory, not a video file")]
    [InlineData("empty.mp4", "empty.mp4 is empty (0 bytes)")]
    public async Task A_path_that_is_not_a_readable_file_is_exit_4(string name, string message)
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Combine("folder"));
        await File.WriteAllBytesAsync(dir.Combine("empty.mp4"), [], TestContext.Current.CancellationToken);

        var ex = await Assert.ThrowsAsync<PeepshowException>(() =>
            Resolver().ResolveAsync(dir.Combine(name), dir.Path, StdinSource.None, TestContext.Current.CancellationToken));

        Assert.Equal(ExitCodes.InputUnresolvable, ex.ExitCode);
        Assert.EndsWith(message, ex.Message);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_url_is_downloaded_into_the_run_folder()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/clips/talk.mp4", () => Results.Bytes(Mp4Head, "video/mp4")), cancellationToken: TestContext.Current.CancellationToken);
        using var dir = new TempDir();

        var input = await Resolver().ResolveAsync(new Uri(server.BaseUri, "clips/talk.mp4").ToString(), dir.Path, StdinSource.None, TestContext.Current.CancellationToken);

        Assert.Equal(dir.Combine("input.mp4"), input.LocalPath);
        Assert.Equal(Mp4Head, await File.ReadAllBytesAsync(input.LocalPath, TestContext.Current.CancellationToken));
        Assert.Equal("url", input.Info.Kind);
        Assert.Equal("talk.mp4", input.Info.Filename);
        Assert.Equal(new Uri(server.BaseUri, "clips/talk.mp4").ToString(), input.Info.Url);
        Assert.Equal(Mp4Head.Length, input.Info.SizeBytes);
        Assert.True(input.IsCopy);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_url_without_an_extension_gets_one_from_the_bytes()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/stream", () => Results.Bytes(Mp4Head, "application/octet-stream")), cancellationToken: TestContext.Current.CancellationToken);
        using var dir = new TempDir();

        var input = await Resolver().ResolveAsync(new Uri(server.BaseUri, "stream").ToString(), dir.Path, StdinSource.None, TestContext.Current.CancellationToken);

        Assert.Equal("mp4", input.Info.Extension);
        Assert.Equal(dir.Combine("input.mp4"), input.LocalPath);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_404_is_exit_4_naming_the_status()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/", () => "index"), cancellationToken: TestContext.Current.CancellationToken);
        using var dir = new TempDir();
        var url = new Uri(server.BaseUri, "nope.mp4").ToString();

        var ex = await Assert.ThrowsAsync<PeepshowException>(() =>
            Resolver().ResolveAsync(url, dir.Path, StdinSource.None, TestContext.Current.CancellationToken));

        Assert.Equal(ExitCodes.InputUnresolvable, ex.ExitCode);
        Assert.Equal($"cannot download {url}: HTTP 404 Not Found", ex.Message);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_refused_connection_is_exit_4_saying_so()
    {
        using var dir = new TempDir();
        var url = $"http://127.0.0.1:{Ports.Closed()}/a.mp4";

        var ex = await Assert.ThrowsAsync<PeepshowException>(() =>
            Resolver().ResolveAsync(url, dir.Path, StdinSource.None, TestContext.Current.CancellationToken));

        Assert.Equal(ExitCodes.InputUnresolvable, ex.ExitCode);
        Assert.Equal($"cannot download {url}: connection refused", ex.Message);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_server_that_stops_sending_times_out_with_exit_4()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/slow.mp4", async (HttpContext context) =>
        {
            context.Response.ContentType = "video/mp4";
            await context.Response.Body.WriteAsync(Mp4Head);
            await context.Response.Body.FlushAsync();
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }), cancellationToken: TestContext.Current.CancellationToken);
        using var dir = new TempDir();

        var ex = await Assert.ThrowsAsync<PeepshowException>(() =>
            Resolver(timeout: TimeSpan.FromSeconds(1)).ResolveAsync(new Uri(server.BaseUri, "slow.mp4").ToString(), dir.Path, StdinSource.None, TestContext.Current.CancellationToken));

        Assert.Equal(ExitCodes.InputUnresolvable, ex.ExitCode);
        Assert.EndsWith("timed out after 1s without data", ex.Message);
        Assert.False(File.Exists(dir.Combine("input.part")));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_download_over_the_size_cap_is_refused()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/big.mp4", () => Results.Bytes(new byte[4096], "video/mp4")), cancellationToken: TestContext.Current.CancellationToken);
        using var dir = new TempDir();

        var ex = await Assert.ThrowsAsync<PeepshowException>(() =>
            Resolver(maxBytes: 1024).ResolveAsync(new Uri(server.BaseUri, "big.mp4").ToString(), dir.Path, StdinSource.None, TestContext.Current.CancellationToken));

        Assert.Equal(ExitCodes.InputUnresolvable, ex.ExitCode);
        Assert.Contains("limit", ex.Message);
        Assert.Contains(InputLimits.MaxBytesEnv, ex.Hint);
    }

    [Fact]
    public async Task Stdin_bytes_are_copied_into_the_run_folder_named_by_their_container()
    {
        using var dir = new TempDir();
        var stdin = new StdinSource(() => new MemoryStream(Mp4Head), IsTerminal: false);

        var input = await Resolver().ResolveAsync("-", dir.Path, stdin, TestContext.Current.CancellationToken);

        Assert.Equal("stdin", input.Info.Kind);
        Assert.Equal(dir.Combine("input.mp4"), input.LocalPath);
        Assert.Equal(Mp4Head.Length, input.Info.SizeBytes);
    }

    [Fact]
    public async Task Stdin_that_is_a_terminal_or_empty_is_exit_4()
    {
        using var dir = new TempDir();

        var terminal = await Assert.ThrowsAsync<PeepshowException>(() =>
            Resolver().ResolveAsync("-", dir.Path, StdinSource.None, TestContext.Current.CancellationToken));
        var empty = await Assert.ThrowsAsync<PeepshowException>(() =>
            Resolver().ResolveAsync("-", dir.Path, new StdinSource(() => new MemoryStream(), false), TestContext.Current.CancellationToken));

        Assert.Equal(ExitCodes.InputUnresolvable, terminal.ExitCode);
        Assert.Contains("stdin is a terminal", terminal.Message);
        Assert.Equal(ExitCodes.InputUnresolvable, empty.ExitCode);
        Assert.Contains("stdin was empty", empty.Message);
    }

    [Fact]
    public async Task A_data_uri_is_written_into_the_run_folder()
    {
        using var dir = new TempDir();

        var input = await Resolver().ResolveAsync("data:video/mp4;base64," + Convert.ToBase64String(Mp4Head), dir.Path, StdinSource.None, TestContext.Current.CancellationToken);

        Assert.Equal("data-uri", input.Info.Kind);
        Assert.Equal(Mp4Head, await File.ReadAllBytesAsync(dir.Combine("input.mp4"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Other_url_schemes_are_refused()
    {
        using var dir = new TempDir();

        var ex = await Assert.ThrowsAsync<PeepshowException>(() =>
            Resolver().ResolveAsync("ftp://example.com/a.mp4", dir.Path, StdinSource.None, TestContext.Current.CancellationToken));

        Assert.Equal(ExitCodes.InputUnresolvable, ex.ExitCode);
        Assert.Contains("unsupported URL scheme 'ftp'", ex.Message);
    }
}
