using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Peepshow.Testing;
using Peepshow.Testing.Media;

namespace Peepshow.Cli.Tests.Mcp;

/// <summary><c>peepshow mcp</c> driven by the official MCP TypeScript client, on generated clips.</summary>
public sealed partial class McpServerSpecs
{
    private static JsonObject Call(string name, JsonObject arguments, bool progress = false) =>
        new() { ["op"] = "call", ["name"] = name, ["arguments"] = arguments, ["progress"] = progress };

    [Fact(Timeout = 300_000)]
    public async Task An_agent_watches_a_clip_sees_every_frame_as_a_JPEG_and_finds_the_run_again()
    {
        var clip = await TestMedia.TextSlidesAsync(TestContext.Current.CancellationToken);
        using var peepshow = new PeepshowProcess();

        var report = await McpClientRun.RunAsync(peepshow,
        [
            new JsonObject { ["op"] = "list" },
            // The first six slides are watched enough: what comes back is the spec, not the selection.
            Call("watch_video", new() { ["input"] = clip.Path, ["end"] = 11, ["max_frames"] = 6, ["deliver"] = false }, progress: true),
            Call("list_runs", new() { ["limit"] = 5 }),
            Call("get_run", new() { ["run_id"] = "$runId", ["frames"] = new JsonArray(1, 3) }),
        ], TestContext.Current.CancellationToken);

        var tools = report.Step(0).GetProperty("tools").EnumerateArray().ToList();
        Assert.Equal(["watch_video", "list_runs", "get_run"], tools.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(["input"], tools[0].GetProperty("required").EnumerateArray().Select(r => r.GetString()));

        var watch = report.Step(1);
        Assert.False(watch.GetProperty("isError").GetBoolean(), report.ToString());
        var payload = watch.GetProperty("structuredContent");
        var frames = payload.GetProperty("frames").EnumerateArray().ToList();
        Assert.InRange(frames.Count, 2, 6);
        var images = McpReport.Blocks(watch, "image").ToList();
        Assert.Equal(frames.Count, images.Count);
        Assert.All(images, image =>
        {
            Assert.Equal("image/jpeg", image.GetProperty("mimeType").GetString());
            Assert.True(image.GetProperty("jpeg").GetBoolean(), image.ToString());
            // The 1280×720 slides come back 768 wide: the extraction's width, which bounds the image tokens.
            Assert.Equal(768, image.GetProperty("width").GetInt32());
        });
        // Each image follows its line: "frame N at m:ss.ss (reason)".
        var content = watch.GetProperty("content").EnumerateArray().ToList();
        for (var i = 0; i < frames.Count; i++)
        {
            var expected = $"frame {i + 1} at {Clock(frames[i].GetProperty("timestampSeconds").GetDouble())} ({frames[i].GetProperty("reason").GetString()})";
            Assert.Equal(expected, content[2 * i].GetProperty("text").GetString());
            Assert.Equal("image", content[2 * i + 1].GetProperty("type").GetString());
        }
        var runId = payload.GetProperty("runId").GetString()!;
        // The contact sheet is drawn only for a call that asks for it.
        Assert.False(File.Exists(Path.Combine(payload.GetProperty("outputDir").GetString()!, "contact.jpg")));
        var summary = McpReport.Texts(watch)[^1];
        Assert.StartsWith($"run {runId} in {payload.GetProperty("outputDir").GetString()}\nvideo: ", summary);
        Assert.Contains("delivered: not asked (deliver: false)", summary);
        Assert.Contains("1280×720 h264", summary);

        var progress = watch.GetProperty("progress").EnumerateArray().Select(p => p.GetProperty("progress").GetDouble()).ToList();
        Assert.NotEmpty(progress);
        Assert.Equal(progress.Order(), progress);
        Assert.Equal(progress.Count, progress.Distinct().Count());
        Assert.Contains(watch.GetProperty("progress").EnumerateArray(), p => p.GetProperty("message").GetString() == "analysing");

        var list = report.Step(2);
        Assert.False(list.GetProperty("isError").GetBoolean(), report.ToString());
        var listed = Assert.Single(list.GetProperty("structuredContent").GetProperty("runs").EnumerateArray());
        Assert.Equal(runId, listed.GetProperty("runId").GetString());
        Assert.Equal(clip.Path, listed.GetProperty("input").GetString());
        Assert.Equal(frames.Count, listed.GetProperty("frames").GetInt32());
        Assert.Equal("mcp", listed.GetProperty("origin").GetString());
        Assert.False(listed.GetProperty("missing").GetBoolean());
        Assert.Matches($@"\n{runId}  \d{{4}}-\d\d-\d\d \d\d:\d\d:\d\dZ  {frames.Count} frames  0:24  {Regex.Escape(clip.Path)}$", McpReport.Texts(list)[0]);

        var get = report.Step(3);
        Assert.False(get.GetProperty("isError").GetBoolean(), report.ToString());
        Assert.Equal(2, McpReport.Blocks(get, "image").Count(i => i.GetProperty("jpeg").GetBoolean() && i.GetProperty("width").GetInt32() <= 768));
        Assert.StartsWith("frame 1 at ", McpReport.Texts(get)[0]);
        Assert.StartsWith("frame 3 at ", McpReport.Texts(get)[1]);
        Assert.Equal(runId, get.GetProperty("structuredContent").GetProperty("runId").GetString());
        Assert.Equal(frames.Count, get.GetProperty("structuredContent").GetProperty("frames").GetArrayLength());
    }

    [Fact(Timeout = 300_000)]
    public async Task An_agent_can_ask_for_the_whole_run_as_one_contact_sheet_instead_of_an_image_per_frame()
    {
        var clip = await TestMedia.TextSlidesAsync(TestContext.Current.CancellationToken);
        using var peepshow = new PeepshowProcess();

        var report = await McpClientRun.RunAsync(peepshow,
        [
            new JsonObject { ["op"] = "list" },
            // The first six slides are watched enough: the sheet is the spec, not the selection.
            Call("watch_video", new() { ["input"] = clip.Path, ["end"] = 11, ["max_frames"] = 6, ["deliver"] = false, ["sheet"] = true }),
            Call("watch_video", new() { ["input"] = clip.Path, ["sheet"] = "yes" }),
        ], TestContext.Current.CancellationToken);

        Assert.Contains("sheet", report.Step(0).GetProperty("tools")[0].GetProperty("properties").EnumerateArray().Select(p => p.GetString()));
        var watch = report.Step(1);
        Assert.False(watch.GetProperty("isError").GetBoolean(), report.ToString());
        var payload = watch.GetProperty("structuredContent");
        var frames = payload.GetProperty("frames").EnumerateArray().ToList();
        Assert.InRange(frames.Count, 2, 6);
        var sheet = Path.Combine(payload.GetProperty("outputDir").GetString()!, "contact.jpg");
        // One image, and it is the run's contact.jpg: every 768 px frame tiled, no wider than 2048 px.
        var content = watch.GetProperty("content").EnumerateArray().ToList();
        Assert.Equal(["text", "image", "text"], content.Select(c => c.GetProperty("type").GetString()));
        var image = content[1];
        Assert.True(image.GetProperty("jpeg").GetBoolean(), image.ToString());
        Assert.Equal(new FileInfo(sheet).Length, image.GetProperty("bytes").GetInt64());
        var columns = Math.Min(5, (int)Math.Ceiling(Math.Sqrt(frames.Count)));
        var rows = (frames.Count + columns - 1) / columns;
        var cell = Math.Min(768, (2048 - 4 * (columns + 1)) / columns) / 2 * 2;
        Assert.Equal(columns * cell + 4 * (columns + 1), image.GetProperty("width").GetInt32());
        Assert.Equal(rows * (cell * 720 / 1280 / 2 * 2) + 4 * (rows + 1), image.GetProperty("height").GetInt32());
        // The frames' lines still come as text, in the sheet's order, before it.
        var lines = content[0].GetProperty("text").GetString()!.Split('\n');
        Assert.Equal($"contact sheet of all {frames.Count} frames, left to right and top to bottom:", lines[0]);
        for (var i = 0; i < frames.Count; i++)
            Assert.Equal($"frame {i + 1} at {Clock(frames[i].GetProperty("timestampSeconds").GetDouble())} ({frames[i].GetProperty("reason").GetString()})", lines[i + 1]);
        Assert.StartsWith($"run {payload.GetProperty("runId").GetString()} in ", McpReport.Texts(watch)[^1]);
        Assert.Equal("peepshow: watch_video: sheet must be true or false (got \"yes\")", McpReport.Texts(report.Step(2))[0]);
    }

    [Fact(Timeout = 300_000)]
    public async Task The_words_said_while_a_frame_was_on_screen_come_in_its_text_block()
    {
        var clip = await TestMedia.SpeechClipAsync(TestContext.Current.CancellationToken);
        // A transcriber of the spec's own (the documented custom command contract): two segments, one per scene.
        const string transcript = """{"segments":[{"start":0.2,"end":1.5,"text":"Hello from the test card."},{"start":2.5,"end":3.5,"text":"Now the colour bars."}],"text":"Hello from the test card. Now the colour bars."}""";
        using var peepshow = new PeepshowProcess()
            .WithEnvironment("PEEPSHOW_TRANSCRIBE", "custom")
            .WithEnvironment("PEEPSHOW_TRANSCRIBE_CMD", $"cat > /dev/null; printf '%s' '{transcript}'");

        var report = await McpClientRun.RunAsync(peepshow,
        [
            Call("watch_video", new() { ["input"] = clip.Path, ["deliver"] = false }),
        ], TestContext.Current.CancellationToken);

        var watch = report.Step(0);
        Assert.False(watch.GetProperty("isError").GetBoolean(), report.ToString());
        var frames = watch.GetProperty("structuredContent").GetProperty("frames").EnumerateArray()
            .Select(f => f.GetProperty("timestampSeconds").GetDouble()).ToList();
        var texts = McpReport.Texts(watch);
        Assert.Equal(frames.Count + 1, texts.Count);
        // A frame is on screen from its timestamp until the next one's; a segment goes with the frame on screen when it starts.
        var second = frames.FindLastIndex(t => t <= 2.5);
        Assert.Contains("\n[0:00.2 → 0:01.5] Hello from the test card.", texts[0]);
        Assert.Contains("\n[0:02.5 → 0:03.5] Now the colour bars.", texts[second]);
        Assert.Equal(1, texts.Count(t => t.Contains("Hello from the test card.", StringComparison.Ordinal)));
        Assert.Equal(1, texts.Count(t => t.Contains("Now the colour bars.", StringComparison.Ordinal)));
        Assert.Contains("transcript: 2 segments by custom", texts[^1]);
    }

    [Fact(Timeout = 300_000)]
    public async Task A_run_made_by_the_CLI_comes_back_from_get_run_as_JPEGs_at_most_768_pixels_wide()
    {
        var clip = await TestMedia.TextSlidesAsync(TestContext.Current.CancellationToken);
        using var peepshow = new PeepshowProcess();
        // The CLI's default --width keeps the slides 1280 wide, and PNG: both are re-encoded on the way out. The first
        // three slides are run enough: what comes back is the spec, not the selection.
        var cli = await peepshow.RunAsync(TestContext.Current.CancellationToken, clip.Path, "--emit", "json", "--format", "png", "--max", "3", "--end", "6", "--no-audio");
        Assert.True(cli.ExitCode == 0, cli.ToString());
        var runId = Peepshow.Protocol.ProtocolJson.Read(cli.StandardOutput).Payload!.RunId!;

        var report = await McpClientRun.RunAsync(peepshow,
        [
            Call("list_runs", new()),
            Call("get_run", new() { ["run_id"] = runId, ["frames"] = new JsonArray(2) }),
            Call("get_run", new() { ["run_id"] = runId, ["frames"] = new JsonArray(9) }),
        ], TestContext.Current.CancellationToken);

        var listed = Assert.Single(report.Step(0).GetProperty("structuredContent").GetProperty("runs").EnumerateArray());
        Assert.Equal("cli", listed.GetProperty("origin").GetString());
        var get = report.Step(1);
        Assert.False(get.GetProperty("isError").GetBoolean(), report.ToString());
        var image = Assert.Single(McpReport.Blocks(get, "image"));
        Assert.True(image.GetProperty("jpeg").GetBoolean(), image.ToString());
        Assert.Equal(768, image.GetProperty("width").GetInt32());
        Assert.StartsWith("frame 2 at ", McpReport.Texts(get)[0]);
        Assert.EndsWith(".png", get.GetProperty("structuredContent").GetProperty("frames")[1].GetProperty("path").GetString());
        Assert.Equal($"peepshow: get_run: frames: run {runId} has 3 frames, so there is no frame 9", McpReport.Texts(report.Step(2))[0]);
    }

    [Fact(Timeout = 300_000)]
    public async Task An_agent_can_get_an_earlier_run_back_as_one_contact_sheet_drawn_when_first_asked_for()
    {
        var clip = await TestMedia.TextSlidesAsync(TestContext.Current.CancellationToken);
        using var peepshow = new PeepshowProcess();
        // The first four slides are run enough: what comes back is the spec, not the selection.
        var cli = await peepshow.RunAsync(TestContext.Current.CancellationToken, clip.Path, "--emit", "json", "--max", "4", "--end", "8", "--no-audio");
        Assert.True(cli.ExitCode == 0, cli.ToString());
        var payload = Peepshow.Protocol.ProtocolJson.Read(cli.StandardOutput).Payload!;
        var sheet = Path.Combine(payload.OutputDir, "contact.jpg");
        Assert.False(File.Exists(sheet));

        var report = await McpClientRun.RunAsync(peepshow,
        [
            new JsonObject { ["op"] = "list" },
            Call("get_run", new() { ["run_id"] = payload.RunId, ["sheet"] = true }),
            Call("get_run", new() { ["run_id"] = payload.RunId, ["sheet"] = true, ["frames"] = new JsonArray(1) }),
        ], TestContext.Current.CancellationToken);

        var getRun = report.Step(0).GetProperty("tools").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "get_run");
        Assert.Contains("sheet", getRun.GetProperty("properties").EnumerateArray().Select(p => p.GetString()));
        var get = report.Step(1);
        Assert.False(get.GetProperty("isError").GetBoolean(), report.ToString());
        // One image, the run's contact.jpg drawn for this call; the frames' lines come as text before it, the summary after.
        var content = get.GetProperty("content").EnumerateArray().ToList();
        Assert.Equal(["text", "image", "text"], content.Select(c => c.GetProperty("type").GetString()));
        Assert.True(File.Exists(sheet));
        Assert.True(content[1].GetProperty("jpeg").GetBoolean(), content[1].ToString());
        Assert.Equal(new FileInfo(sheet).Length, content[1].GetProperty("bytes").GetInt64());
        Assert.InRange(content[1].GetProperty("width").GetInt32(), 768, 2048);
        var lines = content[0].GetProperty("text").GetString()!.Split('\n');
        Assert.Equal($"contact sheet of all {payload.Frames.Count} frames, left to right and top to bottom:", lines[0]);
        Assert.Equal(payload.Frames.Count + 1, lines.Length);
        Assert.StartsWith($"run {payload.RunId} in ", McpReport.Texts(get)[^1]);
        Assert.Equal("peepshow: get_run: frames and sheet do not go together: the sheet shows every frame; ask for one or the other", McpReport.Texts(report.Step(2))[0]);
    }

    [Fact(Timeout = 300_000)]
    public async Task Bad_calls_come_back_as_errors_with_the_CLIs_message_and_the_server_keeps_answering()
    {
        using var peepshow = new PeepshowProcess();
        using var dir = new TempDir();
        var missing = dir.Combine("no such clip.mp4");
        var cli = await peepshow.RunAsync(TestContext.Current.CancellationToken, missing);

        var report = await McpClientRun.RunAsync(peepshow,
        [
            Call("watch_video", new() { ["input"] = missing }),
            Call("watch_video", new() { ["input"] = missing, ["max_frames"] = "lots" }),
            Call("watch_video", new()),
            new JsonObject { ["op"] = "call", ["name"] = "summon_video", ["arguments"] = new JsonObject() },
            Call("get_run", new() { ["run_id"] = "20261205T120000000-aaaaaa" }),
            Call("list_runs", new()),
        ], TestContext.Current.CancellationToken);

        Assert.Equal(4, cli.ExitCode);
        var missingFile = report.Step(0);
        Assert.True(missingFile.GetProperty("isError").GetBoolean(), report.ToString());
        Assert.Equal(cli.StandardError.TrimEnd('\n'), Assert.Single(McpReport.Texts(missingFile)));
        Assert.Equal("peepshow: watch_video: max_frames must be a whole number from 1 to 10000 (got \"lots\")", McpReport.Texts(report.Step(1))[0]);
        Assert.Equal("peepshow: watch_video: input is required: a path or an http(s) URL of a video", McpReport.Texts(report.Step(2))[0]);
        var unknown = report.Step(3);
        Assert.Equal(-32602, unknown.GetProperty("code").GetInt32());
        Assert.Contains("unknown tool 'summon_video'", unknown.GetProperty("error").GetString());
        Assert.StartsWith("peepshow: no run 20261205T120000000-aaaaaa in the run history ", McpReport.Texts(report.Step(4))[0]);
        var list = report.Step(5);
        Assert.False(list.GetProperty("isError").GetBoolean(), report.ToString());
        Assert.StartsWith("no runs yet in ", McpReport.Texts(list)[0]);
    }

    [Fact(Timeout = 300_000)]
    public async Task Cancelling_a_call_stops_the_run_removes_its_folder_and_leaves_the_server_serving()
    {
        var clip = await TestMedia.TextSlidesAsync(TestContext.Current.CancellationToken);
        using var temp = new TempDir();
        using var peepshow = new PeepshowProcess().WithEnvironment("TMPDIR", temp.Path);

        var report = await McpClientRun.RunAsync(peepshow,
        [
            new JsonObject { ["op"] = "call", ["name"] = "watch_video", ["arguments"] = new JsonObject { ["input"] = clip.Path, ["deliver"] = false }, ["cancelAfterProgress"] = 2 },
            Call("list_runs", new()),
        ], TestContext.Current.CancellationToken);

        var cancelled = report.Step(0);
        Assert.True(cancelled.TryGetProperty("error", out var error), report.ToString());
        Assert.Contains("cancels", error.GetString());
        Assert.StartsWith("no runs yet in ", McpReport.Texts(report.Step(1))[0]);
        // The run removes its folder once ffmpeg is stopped; the client stopped the server right after list_runs.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Directory.EnumerateDirectories(temp.Path, "peepshow-2*").Any() && DateTime.UtcNow < deadline)
            await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.Empty(Directory.EnumerateDirectories(temp.Path, "peepshow-2*"));
        Assert.Contains("peepshow mcp: watch_video cancelled by the client", report.Stderr);
    }

    /// <summary>The CLI's m:ss.ss.</summary>
    private static string Clock(double seconds) => Core.Output.RunOutput.Timestamp(seconds);
}
