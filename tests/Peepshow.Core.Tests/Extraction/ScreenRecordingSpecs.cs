using Peepshow.Core.Extraction;
using Peepshow.Core.Inputs;
using Peepshow.Core.Runs;
using Peepshow.Testing;
using Peepshow.Testing.Media;
using static Peepshow.Core.Tests.Runs.Runs;

namespace Peepshow.Core.Tests.Extraction;

/// <summary>Builds, scrolling output and cursors on generated screen recordings (docs/extraction.md).</summary>
public sealed class ScreenRecordingSpecs
{
    [Fact(Timeout = 180_000)]
    public async Task Text_typed_word_by_word_gives_each_complete_page_once()
    {
        var clip = await ScreenRecordings.TypingAsync(TestContext.Current.CancellationToken);
        using var dir = new TempDir();

        var trace = new Trace();
        var result = await ExtractAsync(clip.Path, dir, services: trace.Services);

        var frames = Describe(clip, result);
        for (var page = 1; page <= 3; page++)
            Assert.True(frames.Count(f => f.Label == $"page {page}") == 1, $"page {page} once: {Show(frames, trace)}");
        Assert.True(frames.Count(f => !f.Label.StartsWith("page", StringComparison.Ordinal)) <= 2, Show(frames, trace));
        Assert.Contains(frames, f => f.Reason == FrameReasons.BuildComplete);
    }

    [Fact(Timeout = 180_000)]
    public async Task A_deck_revealing_bullets_one_at_a_time_gives_one_frame_per_completed_slide()
    {
        var clip = await ScreenRecordings.BulletDeckAsync(TestContext.Current.CancellationToken);
        using var dir = new TempDir();

        var trace = new Trace();
        var result = await ExtractAsync(clip.Path, dir, services: trace.Services);

        var frames = Describe(clip, result);
        for (var slide = 1; slide <= 6; slide++)
            Assert.True(frames.Count(f => f.Label == $"slide {slide}") == 1, $"slide {slide} once: {Show(frames, trace)}");
        Assert.True(frames.Count(f => !f.Label.StartsWith("slide", StringComparison.Ordinal)) <= 2, Show(frames, trace));
    }

    // Chromium renders the whole deck once (seconds on an idle machine, a minute on a busy one).
    [Fact(Timeout = 480_000)]
    public async Task A_deck_rendered_by_chromium_with_fades_between_slides_gives_one_frame_per_completed_slide()
    {
        var clip = await BrowserRecordings.BulletDeckAsync(TestContext.Current.CancellationToken);
        using var dir = new TempDir();
        var trace = new Trace();

        var result = await ExtractAsync(clip.Path, dir, services: trace.Services);

        var frames = Describe(clip, result);
        for (var slide = 1; slide <= BrowserRecordings.Deck.Count; slide++)
            Assert.True(frames.Count(f => f.Label == $"slide {slide}") == 1, $"slide {slide} once: {Show(frames, trace)}");
        Assert.True(frames.All(f => !f.Label.StartsWith("fade", StringComparison.Ordinal)), Show(frames, trace));
        Assert.True(frames.Count(f => !f.Label.StartsWith("slide", StringComparison.Ordinal)) <= 2, Show(frames, trace));
    }

    [Fact(Timeout = 180_000)]
    public async Task Terminal_output_that_scrolls_is_kept_when_it_stops_not_mid_scroll()
    {
        var clip = await ScreenRecordings.TerminalScrollAsync(TestContext.Current.CancellationToken);
        using var dir = new TempDir();

        var trace = new Trace();
        var result = await ExtractAsync(clip.Path, dir, services: trace.Services);

        var frames = Describe(clip, result);
        Assert.True(frames.All(f => !f.Label.StartsWith("scrolling", StringComparison.Ordinal)), Show(frames, trace));
        Assert.True(frames.Count(f => f.Label == "pause 1") == 1, Show(frames, trace));
        Assert.True(frames.Count(f => f.Label == "pause 2") == 1, Show(frames, trace));
        Assert.True(frames.Count <= 4, Show(frames, trace));
    }

    [Fact(Timeout = 180_000)]
    public async Task An_idle_prompt_with_a_slowly_blinking_cursor_gives_one_frame()
    {
        var clip = await ScreenRecordings.BlinkingPromptAsync(TestContext.Current.CancellationToken);
        using var dir = new TempDir();

        var trace = new Trace();
        var result = await ExtractAsync(clip.Path, dir, services: trace.Services);

        Assert.True(result.Payload.Frames.Count == 1, Show(Describe(clip, result), trace));
    }

    [Fact(Timeout = 180_000)]
    public async Task A_caret_moving_over_unchanged_text_gives_one_frame()
    {
        var clip = await ScreenRecordings.EditorCaretAsync(TestContext.Current.CancellationToken);
        using var dir = new TempDir();

        var trace = new Trace();
        var result = await ExtractAsync(clip.Path, dir, services: trace.Services);

        Assert.True(result.Payload.Frames.Count == 1, Show(Describe(clip, result), trace));
    }

    [Fact(Timeout = 180_000)]
    public async Task A_camera_filming_slides_keeps_each_slide_once_and_its_noise_shake_and_exposure_make_no_frame()
    {
        var clip = await ScreenRecordings.FilmedSlidesAsync(TestContext.Current.CancellationToken);
        using var dir = new TempDir();

        var trace = new Trace();
        var result = await ExtractAsync(clip.Path, dir, services: trace.Services);

        var frames = Describe(clip, result);
        for (var slide = 1; slide <= 4; slide++)
            Assert.True(frames.Count(f => f.Label == $"slide {slide}") == 1, $"slide {slide} once: {Show(frames, trace)}");
        Assert.True(frames.Count == 4, Show(frames, trace));
    }

    private static List<(double Time, string Reason, string Label)> Describe(GeneratedClip clip, RunResult result) =>
        result.Payload.Frames
            .Select(f => (f.TimestampSeconds!.Value, f.Reason!, clip.Segments.ElementAtOrDefault(clip.SegmentAt(f.TimestampSeconds!.Value)).Label ?? "none"))
            .ToList();

    private static string Show(IEnumerable<(double Time, string Reason, string Label)> frames, Trace trace) =>
        string.Join(", ", frames.Select(f => $"{f.Time:0.00} {f.Reason} ({f.Label})")) + "\nselection trace:\n" + trace;

    /// <summary>The selector's decisions, shown when a spec fails.</summary>
    private sealed class Trace
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

        public RunServices Services => new() { Stdin = StdinSource.None, Trace = _lines.Enqueue };

        public override string ToString() => string.Join('\n', _lines.Where(l => !l.StartsWith("timing", StringComparison.Ordinal)));
    }
}
