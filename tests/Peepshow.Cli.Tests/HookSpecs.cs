using System.Text;
using System.Text.Json;
using CliWrap;
using Peepshow.Core.Inputs;
using Peepshow.Core.Processes;
using Peepshow.Testing;
using Peepshow.Testing.Media;

namespace Peepshow.Cli.Tests;

/// <summary>
/// <c>peepshow hook user-prompt</c> fed Claude Code's documented UserPromptSubmit input: in process through
/// <see cref="CliHost"/> with stdin given as bytes, and through the real executable.
/// </summary>
public sealed class HookSpecs : IDisposable
{
    private readonly TempDir _dir = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task A_video_dragged_in_as_a_plain_absolute_path_gets_a_slides_command()
    {
        var clip = await Clip("Movies", "screen-recording.mov");

        var (exit, stdout, stderr) = await Hook(Input($"what happens in {clip}? thanks"));

        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        Assert.Equal([clip], SlidesArguments(stdout));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_video_dragged_in_with_backslash_escaped_spaces_and_shell_characters_is_found()
    {
        var clip = await Clip("My Movies", "name with spaces & 'quotes'.mp4");
        var escaped = clip.Replace(" ", @"\ ").Replace("&", @"\&").Replace("'", @"\'");
        Assert.Contains(@"name\ with\ spaces\ \&\ \'quotes\'.mp4", escaped);

        var (exit, stdout, _) = await Hook(Input($"{escaped} summarise this"));

        Assert.Equal(0, exit);
        Assert.Equal([clip], SlidesArguments(stdout));
    }

    [Fact(Timeout = 60_000)]
    public async Task Videos_dragged_in_as_quoted_paths_are_found_in_the_order_the_prompt_names_them()
    {
        var single = await Clip("Talks", "keynote (final).webm");
        var shellQuoted = await Clip("Talks", "it's a demo.mkv");
        var doubled = await Clip("Screen Recordings", "Screen Recording 2026-12-05 at 10.15.00.mov");

        var prompt = $"compare '{single}' with '{shellQuoted.Replace("'", @"'\''")}' and \"{doubled}\"";
        var (exit, stdout, _) = await Hook(Input(prompt));

        Assert.Equal(0, exit);
        Assert.Equal([single, shellQuoted, doubled], SlidesArguments(stdout));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_path_relative_to_the_session_folder_is_found_and_given_as_an_absolute_path()
    {
        var clip = await Clip("project", "docs", "demo.mp4");

        var (exit, stdout, _) = await Hook(Input("look at docs/demo.mp4 and ./docs/demo.mp4.", cwd: _dir.Combine("project")));

        Assert.Equal(0, exit);
        Assert.Equal([clip], SlidesArguments(stdout));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_relative_session_folder_starts_in_the_folder_the_hook_runs_in()
    {
        var clip = await Clip("project", "docs", "demo.mp4");

        var (exit, stdout, _) = await Hook(Input("look at docs/demo.mp4", cwd: "project"));

        Assert.NotEqual(Environment.CurrentDirectory, _dir.Path);
        Assert.Equal(0, exit);
        Assert.Equal([clip], SlidesArguments(stdout));
    }

    [Fact(Timeout = 60_000)]
    public async Task Animated_images_count_and_still_pictures_and_typescript_do_not()
    {
        var gif = await Clip("anim.gif");
        var apng = await TestMedia.CopyAsync(await TestMedia.ApngAsync(Cancel), _dir.Combine("animated.png"), Cancel);
        var webp = await TestMedia.CopyAsync(await TestMedia.AnimatedWebPAsync(Cancel), _dir.Combine("animated.webp"), Cancel);
        var still = _dir.Combine("screenshot.png");
        await TestMedia.FfmpegAsync(Cancel, "-f", "lavfi", "-i", "testsrc2=s=64x48:d=1", "-frames:v", "1", still);
        var typescript = _dir.Combine("index.ts");
        await File.WriteAllTextAsync(typescript, "export const answer = 42;\n", Cancel);

        var (exit, stdout, _) = await Hook(Input($"{still} {typescript} {gif} {apng} {webp}"));

        Assert.Equal(0, exit);
        Assert.Equal([gif, apng, webp], SlidesArguments(stdout));
    }

    [Fact(Timeout = 60_000)]
    public async Task Http_urls_of_videos_are_passed_on_as_typed_and_other_urls_are_not()
    {
        const string video = "https://cdn.example.com/talks/keynote.mp4?token=abc&t=30";
        const string gif = "http://127.0.0.1:8080/clip.GIF";
        var prompt = $"watch {video}, then ({gif}). Not https://github.com/acme/app/blob/main/src/index.ts nor https://example.com/watch?v=1 or ftp://x/a.mp4";

        var (exit, stdout, _) = await Hook(Input(prompt));

        Assert.Equal(0, exit);
        Assert.Equal([video, gif], SlidesArguments(stdout));
    }

    [Fact(Timeout = 60_000)]
    public async Task Links_to_a_video_on_a_known_video_site_are_passed_on_and_ordinary_page_links_are_not()
    {
        const string watch = "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s";
        const string shortLink = "https://youtu.be/dQw4w9WgXcQ";
        const string vimeo = "https://vimeo.com/76979871";
        var prompt = $"summarise {watch} and ({shortLink}), compare with {vimeo}. Ignore https://www.youtube.com/, " +
                     "https://example.com/blog/how-we-record-demos, https://github.com/acme/app/issues/12 and https://notyoutube.com/watch?v=1";

        var (exit, stdout, _) = await Hook(Input(prompt));

        Assert.Equal(0, exit);
        Assert.Equal([watch, shortLink, vimeo], SlidesArguments(stdout));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_prompt_without_an_existing_video_prints_nothing()
    {
        await Clip("real.mp4");

        var (exit, stdout, stderr) = await Hook(Input(
            $"fix the bug in {_dir.Combine("missing.mp4")}, rename real.mp4 to /nope/clip.mov and explain mp4 vs .mov", cwd: _dir.Combine("elsewhere")));

        Assert.Equal(0, exit);
        Assert.Equal("", stdout);
        Assert.Equal("", stderr);
    }

    public static TheoryData<string, string> Inputs_that_are_not_a_prompt => new()
    {
        { "garbage", "not json {" },
        { "empty", "" },
        { "a JSON array", "[1,2,3]" },
        { "a prompt that is not a string", """{"prompt":42,"cwd":"/"}""" },
        { "no prompt", """{"session_id":"abc","cwd":"/","hook_event_name":"UserPromptSubmit"}""" },
        { "another event", """{"hook_event_name":"PreToolUse","prompt":"/bin/x.mp4","cwd":"/"}""" },
        { "a cut-off input", """{"hook_event_name":"UserPromptSubmit","prompt":"look at /tmp/a.mp4""" },
    };

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Inputs_that_are_not_a_prompt))]
    public async Task Input_that_is_not_a_prompt_prints_nothing_and_exits_0(string what, string stdin)
    {
        var (exit, stdout, stderr) = await Hook(stdin);

        Assert.True(exit == 0, what);
        Assert.Equal("", stdout);
        Assert.Equal("", stderr);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_stdin_larger_than_the_cap_is_not_read_to_the_end_and_prints_nothing()
    {
        var clip = await Clip("clip.mp4");
        var padding = new string('x', 5 * 1024 * 1024);

        var (exit, stdout, _) = await Hook(Input($"{clip} {padding}"));

        Assert.Equal(0, exit);
        Assert.Equal("", stdout);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_stdin_that_never_closes_is_given_up_on_within_seconds()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var (exit, stdout, _) = await Hook(new StdinSource(() => new NeverEndingStream(), IsTerminal: false));

        Assert.Equal(0, exit);
        Assert.Equal("", stdout);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(8));
    }

    [Fact(Timeout = 60_000)]
    public async Task The_answer_is_Claude_Codes_hook_output_with_a_shell_quoted_path_a_shell_reads_back()
    {
        var clip = await Clip("Odd", "a \"b\" $HOME `c` \\ d.mp4");

        var (_, stdout, _) = await Hook(Input($"'{clip.Replace("'", @"'\''")}'"));

        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(["hookSpecificOutput"], root.EnumerateObject().Select(p => p.Name));
        var specific = root.GetProperty("hookSpecificOutput");
        Assert.Equal("UserPromptSubmit", specific.GetProperty("hookEventName").GetString());
        var context = specific.GetProperty("additionalContext").GetString()!;
        var line = context.Split('\n').Single(l => l.StartsWith("- /peepshow:slides ", StringComparison.Ordinal));
        var read = await CliWrap.Cli.Wrap("/bin/sh").WithArguments(["-c", "printf %s " + line["- /peepshow:slides ".Length..]]).RunBufferedAsync(cancellationToken: Cancel);
        Assert.Equal(clip, read.StandardOutput);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_real_peepshow_answers_a_dragged_escaped_path_and_exits_0()
    {
        var clip = await Clip("Drop Zone", "demo & notes.mp4");
        using var peepshow = new PeepshowProcess().AsSeparateProcess();

        var result = await peepshow.RunAsync(["hook", "user-prompt"], PipeSource.FromString(Input(clip.Replace(" ", @"\ ").Replace("&", @"\&") + " what is this?")), Cancel);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.StandardError);
        Assert.Equal([clip], SlidesArguments(result.StandardOutput));
    }

    [Fact(Timeout = 60_000)]
    public async Task The_real_peepshow_prints_nothing_for_garbage_and_exits_0()
    {
        using var peepshow = new PeepshowProcess().AsSeparateProcess();

        var result = await peepshow.RunAsync(["hook", "user-prompt"], PipeSource.FromBytes(new byte[] { 0xFF, 0xFE, 0x00, 0x7B }), Cancel);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.StandardOutput);
        Assert.Equal("", result.StandardError);
    }

    [Fact(Timeout = 60_000)]
    public async Task Hook_help_is_about_the_hook_not_the_root_input()
    {
        // The usage line names the program that runs: the real executable's name, not the spec runner's.
        using var peepshow = new PeepshowProcess().AsSeparateProcess();

        var result = await peepshow.RunAsync(Cancel, "hook", "user-prompt", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Claude Code's UserPromptSubmit hook", result.StandardOutput);
        Assert.Contains("peepshow hook user-prompt [options]", result.StandardOutput);
        Assert.DoesNotContain("<input>", result.StandardOutput);
        Assert.Contains("Examples:", result.StandardOutput);
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>Claude Code's UserPromptSubmit input, with the fields 2.1.x sends besides prompt and cwd.</summary>
    private string Input(string prompt, string? cwd = null) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["session_id"] = "0b6c4e5e-6a2f-4d8e-9a57-3f1c2d9e8b10",
        ["transcript_path"] = "/home/me/.claude/projects/x/0b6c4e5e.jsonl",
        ["cwd"] = cwd ?? _dir.Path,
        ["permission_mode"] = "default",
        ["hook_event_name"] = "UserPromptSubmit",
        ["prompt"] = prompt,
        ["prompt_id"] = "p-1",
        ["effort"] = new Dictionary<string, string> { ["level"] = "high" },
    });

    /// <summary>A generated GIF copied to a file of this name under the spec's folder: the hook decides by name and existence.</summary>
    private async Task<string> Clip(params string[] parts)
    {
        var path = _dir.Combine(parts);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return await TestMedia.CopyAsync(await TestMedia.AnimatedGifAsync(Cancel), path, Cancel);
    }

    private Task<(int Exit, string Stdout, string Stderr)> Hook(string stdin) =>
        Hook(new StdinSource(() => new MemoryStream(Encoding.UTF8.GetBytes(stdin)), IsTerminal: false));

    private async Task<(int Exit, string Stdout, string Stderr)> Hook(StdinSource stdin)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CliHost.RunAsync(new CliContext(stdout, stderr, stdin, EnvironmentVariables.Process, _dir.Path), ["hook", "user-prompt"], Cancel);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The inputs of the <c>/peepshow:slides</c> lines, read back the way a POSIX shell reads them.</summary>
    private static List<string> SlidesArguments(string stdout)
    {
        using var json = JsonDocument.Parse(stdout);
        var context = json.RootElement.GetProperty("hookSpecificOutput").GetProperty("additionalContext").GetString()!;
        return context.Split('\n')
            .Where(line => line.StartsWith("- /peepshow:slides ", StringComparison.Ordinal))
            .Select(line => ShellWord(line["- /peepshow:slides ".Length..]))
            .ToList();
    }

    private static string ShellWord(string quoted) =>
        quoted.StartsWith('\'') ? quoted[1..^1].Replace(@"'\''", "'") : quoted;

    /// <summary>A stdin whose writer never closes it: every read waits.</summary>
    private sealed class NeverEndingStream : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, CancellationToken.None);
            return 0;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
