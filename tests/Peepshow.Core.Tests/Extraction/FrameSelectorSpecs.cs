using Peepshow.Core.Extraction;

namespace Peepshow.Core.Tests.Extraction;

/// <summary>The selector on synthetic pictures: each rule alone, without ffmpeg.</summary>
public sealed class FrameSelectorSpecs
{
    private static readonly AnalysisImage Slide = Pictures.Solid(40).WithText(20, 10, 30, seed: 1);

    [Fact]
    public void I_get_one_frame_per_slide_when_only_a_line_of_text_changes()
    {
        var selector = new FrameSelector(new SelectionOptions());

        for (var i = 0; i < 5; i++)
            selector.Hold(Slide.WithText(60, 70, 20, seed: 100 + i), i * 2, i * 2 + 2);
        var result = selector.Complete();

        Assert.Equal([0.0, 2.0, 4.0, 6.0, 8.0], result.Frames.Select(f => f.TimestampSeconds));
        Assert.Equal([FrameReasons.First, .. Enumerable.Repeat(FrameReasons.ContentChange, 4)], result.Frames.Select(f => f.Reason));
    }

    [Fact]
    public void A_picture_that_never_changes_is_kept_once_although_min_asks_for_four()
    {
        var selector = new FrameSelector(new SelectionOptions { Min = 4 });

        selector.Hold(Slide, 0, 20, (n, p) => p.WithNoise(2, seed: n));
        var result = selector.Complete();

        Assert.Single(result.Frames);
        Assert.Equal(3, result.FramesDeduped);
    }

    [Fact]
    public void With_dedup_off_the_even_samples_up_to_min_are_all_kept()
    {
        var selector = new FrameSelector(new SelectionOptions { Min = 4, Dedup = DedupMode.Off });

        selector.Hold(Slide, 0, 20);
        var result = selector.Complete();

        Assert.Equal(4, result.Frames.Count);
        Assert.Equal(3, result.FallbackFramesAdded);
    }

    [Fact]
    public void A_hard_cut_is_a_scene_cut_and_the_new_shot_is_kept()
    {
        var selector = new FrameSelector(new SelectionOptions());

        selector.Hold(Pictures.Solid(30), 0, 3);
        selector.Hold(Pictures.Solid(200).WithBox(10, 10, 100, 50, 20), 3, 6);
        var result = selector.Complete();

        Assert.Equal(2, result.Frames.Count);
        Assert.Equal(FrameReasons.SceneCut, result.Frames[1].Reason);
        Assert.Equal(3.0, result.Frames[1].TimestampSeconds);
    }

    [Fact]
    public void A_cut_between_colours_of_the_same_brightness_is_seen()
    {
        var selector = new FrameSelector(new SelectionOptions());

        selector.Hold(Pictures.Solid(80, u: 90, v: 230), 0, 2);
        selector.Hold(Pictures.Solid(80, u: 90, v: 60), 2, 4);
        var result = selector.Complete();

        Assert.Equal([0.0, 2.0], result.Frames.Select(f => f.TimestampSeconds));
    }

    [Fact]
    public void A_cut_back_to_an_earlier_shot_is_a_near_duplicate_and_dropped()
    {
        var a = Pictures.Solid(30).WithBox(20, 20, 80, 40, 200);
        var b = Pictures.Solid(220).WithBox(120, 60, 60, 60, 10);
        var selector = new FrameSelector(new SelectionOptions { Min = 0 });

        selector.Hold(a, 0, 2);
        selector.Hold(b, 2, 4);
        selector.Hold(a, 4, 6);
        var result = selector.Complete();

        Assert.Equal([0.0, 2.0], result.Frames.Select(f => f.TimestampSeconds));
        Assert.Equal(1, result.FramesDeduped);
    }

    [Fact]
    public void With_dedup_off_a_cut_back_to_an_earlier_shot_is_kept()
    {
        var a = Pictures.Solid(30).WithBox(20, 20, 80, 40, 200);
        var b = Pictures.Solid(220).WithBox(120, 60, 60, 60, 10);
        var selector = new FrameSelector(new SelectionOptions { Dedup = DedupMode.Off, Min = 0 });

        selector.Hold(a, 0, 2);
        selector.Hold(b, 2, 4);
        selector.Hold(a, 4, 6);
        var result = selector.Complete();

        Assert.Equal([0.0, 2.0, 4.0], result.Frames.Select(f => f.TimestampSeconds));
    }

    [Fact]
    public void A_blinking_cursor_on_a_static_screen_adds_no_frames()
    {
        var selector = new FrameSelector(new SelectionOptions { Min = 0 });

        selector.Hold(Slide, 0, 10, (n, p) => n / 5 % 2 == 0 ? p.WithBox(200, 100, 2, 4, 230) : p);
        var result = selector.Complete();

        Assert.Single(result.Frames);
    }

    [Fact]
    public void A_caret_that_moves_and_rests_adds_no_frames()
    {
        var selector = new FrameSelector(new SelectionOptions { Min = 0 });

        for (var i = 0; i < 6; i++)
            selector.Hold(Slide.WithBox(40 + i * 30, 60, 2, 9, 230), i * 1.5, i * 1.5 + 1.5);
        var result = selector.Complete();

        Assert.Single(result.Frames);
    }

    [Fact]
    public void Lines_added_one_at_a_time_collapse_into_the_complete_page()
    {
        var selector = new FrameSelector(new SelectionOptions { Min = 0 });

        var page = Slide;
        for (var line = 0; line < 4; line++)
        {
            page = page.WithText(20, 40 + line * 20, 25, seed: 10 + line);
            selector.Hold(page, line * 1.5, line * 1.5 + 1.5);
        }
        selector.Hold(Slide.WithText(20, 40, 30, seed: 99), 6, 8);
        var result = selector.Complete();

        Assert.Equal([4.5, 6.0], result.Frames.Select(f => f.TimestampSeconds));
        Assert.Equal([FrameReasons.BuildComplete, FrameReasons.ContentChange], result.Frames.Select(f => f.Reason));
    }

    [Fact]
    public void A_build_cleared_before_its_last_line_settles_keeps_that_last_state()
    {
        var selector = new FrameSelector(new SelectionOptions { Min = 0 });

        var page = Slide;
        for (var line = 0; line < 3; line++)
        {
            page = page.WithText(20, 40 + line * 20, 25, seed: 10 + line);
            selector.Hold(page, line * 1.5, line * 1.5 + 1.5);
        }
        selector.Hold(page.WithText(20, 100, 25, seed: 13), 4.5, 4.7);
        selector.Hold(Pictures.Solid(200).WithText(20, 40, 30, seed: 99), 4.7, 7);
        var result = selector.Complete();

        Assert.Equal([4.6, 4.7], result.Frames.Select(f => f.TimestampSeconds));
        Assert.Equal(FrameReasons.BuildComplete, result.Frames[0].Reason);
    }

    [Fact]
    public void Slow_continuous_motion_gets_coverage_frames_seconds_apart_not_one_per_sample()
    {
        var selector = new FrameSelector(new SelectionOptions { Min = 0 });

        for (var i = 0; i < 200; i++)
            selector.Push(i * 0.1, Pictures.Ramp(i * 1.5));
        var result = selector.Complete();

        Assert.True(result.Frames.Count is >= 2 and <= 8, string.Join(", ", result.Frames.Select(f => $"{f.TimestampSeconds} {f.Reason}")));
        Assert.All(result.Frames.Skip(1), f => Assert.True(f.Reason == FrameReasons.Coverage, string.Join(", ", result.Frames.Select(f => $"{f.TimestampSeconds} {f.Reason}"))));
        var gaps = result.Frames.Zip(result.Frames.Skip(1), (a, b) => b.TimestampSeconds - a.TimestampSeconds);
        Assert.All(gaps, g => Assert.True(g >= new SelectionOptions().CoverageMinGapSeconds, $"gap {g}"));
    }

    [Fact]
    public void A_fade_through_black_keeps_both_sides_but_not_the_black()
    {
        var before = Pictures.Solid(120).WithBox(10, 10, 100, 60, 240);
        var after = Pictures.Solid(200).WithBox(100, 50, 120, 60, 30);
        var selector = new FrameSelector(new SelectionOptions { Min = 0 });

        selector.Hold(before, 0, 2);
        selector.Hold(Pictures.Solid(16), 2, 3);
        selector.Hold(after, 3, 5);
        var result = selector.Complete();

        Assert.Equal([0.0, 3.0], result.Frames.Select(f => f.TimestampSeconds));
    }

    [Fact]
    public void Fixed_rate_sampling_keeps_every_sample_that_is_not_a_near_duplicate()
    {
        var selector = new FrameSelector(new SelectionOptions { Fps = 1, Dedup = DedupMode.Auto });

        for (var i = 0; i < 6; i++)
            selector.Push(i, i < 3 ? Slide : Slide.WithText(60, 70, 20, seed: i));
        var result = selector.Complete();

        Assert.Equal([0.0, 3.0, 4.0, 5.0], result.Frames.Select(f => f.TimestampSeconds));
        Assert.All(result.Frames, f => Assert.Equal(FrameReasons.Fps, f.Reason));
        Assert.Equal(2, result.FramesDeduped);
    }

    [Fact]
    public void More_frames_than_max_are_pruned_evenly_keeping_the_first_and_the_last()
    {
        var selector = new FrameSelector(new SelectionOptions { Max = 3 });

        for (var i = 0; i < 7; i++)
            selector.Hold(Slide.WithText(60, 70, 20, seed: 200 + i), i * 2, i * 2 + 2);
        var result = selector.Complete();

        Assert.Equal([0.0, 6.0, 12.0], result.Frames.Select(f => f.TimestampSeconds));
        Assert.Equal(7, result.FramesBeforePrune);
        Assert.Equal(4, result.FramesPruned);
    }

    [Theory]
    [InlineData(10, 1, new[] { 0 })]
    [InlineData(10, 2, new[] { 0, 9 })]
    [InlineData(10, 4, new[] { 0, 3, 6, 9 })]
    [InlineData(5, 5, new[] { 0, 1, 2, 3, 4 })]
    [InlineData(3, 40, new[] { 0, 1, 2 })]
    public void Even_pruning_picks_round_i_times_n_minus_1_over_max_minus_1(int count, int max, int[] expected)
    {
        var pruned = FrameSelector.Prune(Enumerable.Range(0, count).ToList(), max);

        Assert.Equal(expected, pruned);
    }

    [Fact]
    public void Kept_frames_hand_over_their_full_picture_and_the_others_are_released()
    {
        var sink = new RecordingSink();
        var selector = new FrameSelector(new SelectionOptions { Min = 0 }, sink);
        var pool = new FramePool(16);
        var pictures = new List<PooledFrame>();

        for (var i = 0; i < 3; i++)
            pictures.AddRange(PushHeld(selector, pool, Slide.WithText(60, 70, 20, seed: 300 + i), i * 2, i * 2 + 2));
        var result = selector.Complete();

        Assert.Equal([0, 1, 2], sink.Ids);
        Assert.Equal(result.Frames.Select(f => f.CandidateId), sink.Ids);
        // The sink owns the kept pictures; every other one went back to the pool.
        Assert.All(sink.Pictures, p => Assert.False(p.IsReleased));
        Assert.Equal(pictures.Count - 3, pictures.Count(p => p.IsReleased));
    }

    [Fact]
    public void The_min_fallback_frames_hand_over_their_full_picture_when_the_stream_ends_and_every_other_picture_goes_back()
    {
        var sink = new RecordingSink();
        var selector = new FrameSelector(new SelectionOptions { Min = 4, Dedup = DedupMode.Off }, sink);
        var pictures = PushHeld(selector, new FramePool(16), Slide, 0, 20);

        selector.EndOfStream();
        Assert.Equal([0, 1, 2, 3], sink.Ids);
        var result = selector.Complete();

        Assert.Equal(3, result.FallbackFramesAdded);
        Assert.Equal(result.Frames.Select(f => f.CandidateId).Order(), sink.Ids);
        Assert.All(sink.Pictures, p => Assert.False(p.IsReleased));
        Assert.Equal(pictures.Count - 4, pictures.Count(p => p.IsReleased));
    }

    [Fact]
    public void Once_min_frames_are_kept_the_selector_holds_no_more_pictures_than_without_a_fallback()
    {
        int HeldAfterTwentySeconds(int min)
        {
            var sink = new RecordingSink();
            var selector = new FrameSelector(new SelectionOptions { Min = min }, sink);
            var pool = new FramePool(16);
            var pictures = new List<PooledFrame>();
            for (var i = 0; i < 10; i++)
                pictures.AddRange(PushHeld(selector, pool, Slide.WithText(60, 70, 20, seed: 400 + i), i * 2, i * 2 + 2));
            return pictures.Count(p => !p.IsReleased && !sink.Pictures.Contains(p));
        }

        Assert.Equal(HeldAfterTwentySeconds(min: 0), HeldAfterTwentySeconds(min: 2));
    }

    [Fact]
    public void Pictures_held_for_the_fallback_never_take_more_than_six_megabytes()
    {
        const int pictureBytes = 1024 * 1024;
        int MostHeld(int min)
        {
            var sink = new RecordingSink();
            var selector = new FrameSelector(new SelectionOptions { Min = min, Dedup = DedupMode.Off }, sink);
            var pool = new FramePool(pictureBytes);
            var pictures = new List<PooledFrame>();
            var most = 0;
            for (var t = 0.0; t < 20; t += 0.1)
            {
                pictures.Add(pool.Rent());
                selector.Push(Math.Round(t, 3), Slide, pictures[^1]);
                most = Math.Max(most, pictures.Count(p => !p.IsReleased && !sink.Pictures.Contains(p)));
            }
            selector.Complete();
            Assert.All(pictures.Where(p => !sink.Pictures.Contains(p)), p => Assert.True(p.IsReleased));
            return most;
        }

        Assert.InRange(MostHeld(min: 4) - MostHeld(min: 0), 0, 6);
    }

    [Fact]
    public void Start_of_window_timestamps_pass_through_unchanged()
    {
        var selector = new FrameSelector(new SelectionOptions());

        selector.Hold(Slide, 42.5, 44);
        var result = selector.Complete();

        Assert.Equal(42.5, result.Frames[0].TimestampSeconds);
        Assert.Equal(42.5, result.FirstTimestamp);
    }

    /// <summary>Pushes one picture every 0.1 s with a full-size picture from <paramref name="pool"/> each.</summary>
    private static List<PooledFrame> PushHeld(FrameSelector selector, FramePool pool, AnalysisImage picture, double from, double to)
    {
        var pictures = new List<PooledFrame>();
        for (var t = from; t < to - 1e-9; t += 0.1)
        {
            pictures.Add(pool.Rent());
            selector.Push(Math.Round(t, 3), picture, pictures[^1]);
        }
        return pictures;
    }

    private sealed class RecordingSink : IKeptFrameSink
    {
        public List<int> Ids { get; } = [];

        public List<PooledFrame> Pictures { get; } = [];

        public void Accept(int candidateId, PooledFrame picture)
        {
            Ids.Add(candidateId);
            Pictures.Add(picture);
        }
    }
}
