using System.Text.Json;
using Peepshow.Core.Extraction;
using Peepshow.Core.Inputs;
using Peepshow.Core.Media;
using Peepshow.Core.Runs;
using Peepshow.Core.Sinks;
using Peepshow.Protocol;
using Peepshow.Protocol.Payload;
using Peepshow.Testing;
using Peepshow.Testing.Media;
using static Peepshow.Core.Tests.Runs.Runs;
using Peepshow.Core.Processes;

namespace Peepshow.Core.Tests.Runs;

public sealed class ExtractionRunSpecs
{
    /// <summary>
    /// Where the specs about the run rather than the selection (its manifest, delivery, files, encoder) stop the cuts
    /// clip: its first four shots give frames enough, and the rest of the clip would only cost its decode.
    /// </summary>
    private const int FourShots = 6;

    [Fact(Timeout = 120_000)]
    public async Task A_run_writes_numbered_frames_and_a_manifest_of_the_payload_plus_the_run_facts()
    {
        var clip = await TestMedia.HardCutsAsync(TestContext.Current.CancellationToken);
        using var dir = new TempDir();

        var result = await ExtractAsync(clip.Path, dir, r => r with { End = FourShots, CommandLine = [clip.Path, "--max", "40", "--end", $"{FourShots}"] });

        var payload = result.Payload;
        Assert.True(RunId.IsValid(payload.RunId), payload.RunId);
        Assert.Equal(dir.Combine("run"), payload.OutputDir);
        Assert.Equal("scene", payload.Strategy);
        Assert.Equal(Enumerable.Range(1, payload.Frames.Count), payload.Frames.Select(f => f.Index!.Value));
        Assert.All(payload.Frames, f =>
        {
            Assert.Equal(dir.Combine("run", $"frame_{f.Index:0000}.jpg"), f.Path);
            Assert.Equal(new FileInfo(f.Path).Length, f.Bytes);
        });
        Assert.Equal(payload.Frames.OrderBy(f => f.TimestampSeconds).Select(f => f.Path), payload.Frames.Select(f => f.Path));
        Assert.Equal(payload.Frames.Sum(f => f.Bytes), payload.Extraction!.TotalOutputBytes);
        Assert.Equal(payload.Frames.Count, payload.Extraction.FramesEmitted);
        Assert.Equal("system", payload.Extraction.FfmpegSource);
        Assert.Equal(new InputInfo { Kind = "path", Path = clip.Path, Filename = "cuts.mp4", Extension = "mp4", SizeBytes = new FileInfo(clip.Path).Length }, payload.Input);
        Assert.Equal((640, 360, "h264", "mp4"), (payload.Video!.Width, payload.Video.Height, payload.Video.Codec, payload.Video.Container));
        Assert.Null(payload.Audio);

        var manifestBytes = await File.ReadAllBytesAsync(result.ManifestPath, TestContext.Current.CancellationToken);
        var fromManifest = ProtocolJson.Read(manifestBytes);
        Assert.True(fromManifest.IsOk, fromManifest.Error);
        Assert.Equal(ProtocolJson.Serialize(payload), ProtocolJson.Serialize(fromManifest.Payload!));
        using var manifest = JsonDocument.Parse(manifestBytes);
        var root = manifest.RootElement;
        Assert.Equal(0, root.GetProperty("exitCode").GetInt32());
        Assert.Equal(["peepshow", clip.Path, "--max", "40", "--end", $"{FourShots}"], root.GetProperty("command").EnumerateArray().Select(e => e.GetString()));
        Assert.StartsWith("5.", root.GetProperty("host").GetProperty("ffmpeg").GetProperty("version").GetString());
        Assert.True(root.GetProperty("elapsedMs").GetDouble() > 0);
        Assert.Equal(0, root.GetProperty("sinks").GetArrayLength());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("peepshowVersion").GetString()));
    }

    [Fact(Timeout = 120_000)]
    public async Task The_audio_pass_gets_the_probed_input_and_its_result_is_the_payloads_audio()
    {
        var clip = await TestMedia.SpeechClipAsync(TestContext.Current.CancellationToken);
        using var dir = new TempDir();
        var audio = new FakeAudio(new AudioInfo { Path = dir.Combine("run", "audio.m4a"), Codec = "aac", SampleRateHz = 16000, Channels = 1 });

        var result = await ExtractAsync(clip.Path, dir, services: new RunServices { Audio = audio, Stdin = StdinSource.None });

        Assert.Equal(audio.Result, result.Payload.Audio);
        Assert.True(audio.Context!.Media.HasAudio);
        Assert.Equal(dir.Combine("run"), audio.Context.OutputDir);
        Assert.Equal(clip.Path, audio.Context.Input.LocalPath);
    }

    [Fact(Timeout = 120_000)]
    public async Task No_audio_skips_the_audio_pass()
    {
        var clip = await TestMedia.SpeechClipAsync(TestContext.Current.CancellationToken);
        using var dir = new TempDir();
        var audio = new FakeAudio(new AudioInfo { Codec = "aac" });

        var result = await ExtractAsync(clip.Path, dir, r => r with { NoAudio = true }, new RunServices { Audio = audio, Stdin = StdinSource.None });

        Assert.Equal(new AudioInfo(), result.Payload.Audio);
        Assert.Null(audio.Context);
        Assert.False(File.Exists(dir.Combine("run", "audio.m4a")));
    }

    [Fact(Timeout = 120_000)]
    public async Task PEEPSHOW_AUDIO_ENCODER_off_skips_the_audio_pass_like_no_audio()
    {
        var clip = await TestMedia.SpeechClipAsync(TestContext.Current.CancellationToken);
        using var dir = new TempDir();
        var audio = new FakeAudio(new AudioInfo { Codec = "aac" });
        var env = EnvironmentVariables.Process.With([KeyValuePair.Create("PEEPSHOW_AUDIO_ENCODER", (string?)" OFF ")]);

        var result = await ExtractAsync(clip.Path, dir, services: new RunServices { Audio = audio, Stdin = StdinSource.None, Environment = env });

        Assert.Equal(new AudioInfo(), result.Payload.Audio);
        Assert.Null(audio.Context);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_failing_audio_pass_is_a_warning_not_a_failed_run()
    {
        var clip = await TestMedia.SpeechClipAsync(TestContext.Current.CancellationToken);
        using var dir = new TempDir();

        var result = await ExtractAsync(clip.Path, dir, services: new RunServices { Audio = new FakeAudio(null, fail: true), Stdin = StdinSource.None });

        Assert.Null(result.Payload.Audio);
        Assert.NotEmpty(result.Payload.Frames);
        Assert.Contains("audio skipped: no decoder today", result.Hints);
    }

    [Fact(Timeout = 120_000)]
    public async Task Sinks_get_the_final_payload_before_the_run_returns_and_their_results_go_into_the_manifest()
    {
        var clip = await TestMedia.HardCutsAsync(TestContext.Current.CancellationToken);
        using var dir = new TempDir();
        var sinks = new FakeSinks();

        var result = await ExtractAsync(clip.Path, dir, r => r with { End = FourShots }, new RunServices { Sinks = sinks, Stdin = StdinSource.None });

        Assert.Same(result.Payload, sinks.Received);
        Assert.All(result.Payload.Frames, f => Assert.Contains(f.Path, sinks.FilesPresentAtDispatch));
        using var manifest = JsonDocument.Parse(await File.ReadAllBytesAsync(result.ManifestPath, TestContext.Current.CancellationToken));
        var sink = Assert.Single(manifest.RootElement.GetProperty("sinks").EnumerateArray());
        Assert.Equal("dummy", sink.GetProperty("name").GetString());
        Assert.Equal("failed", sink.GetProperty("status").GetString());
        Assert.Equal(5, sink.GetProperty("exitCode").GetInt32());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_failed_run_removes_the_run_folder_it_created()
    {
        using var dir = new TempDir();
        var fake = dir.Combine("notes.mp4");
        await File.WriteAllTextAsync(fake, "not a video", TestContext.Current.CancellationToken);

        var ex = await Assert.ThrowsAsync<PeepshowException>(() => ExtractAsync(fake, dir));

        Assert.Equal(ExitCodes.InputUnresolvable, ex.ExitCode);
        Assert.False(Directory.Exists(dir.Combine("run")));
    }

    [Fact(Timeout = 60_000)]
    public async Task Without_libwebp_an_animated_webp_is_exit_4_saying_which_library_to_install()
    {
        var clip = await TestMedia.AnimatedWebPAsync(TestContext.Current.CancellationToken);
        using var dir = new TempDir();
        // Read from the run's own variables, not the process's: the spec changes nothing around it.
        var services = new RunServices { Stdin = StdinSource.None, Environment = EnvironmentVariables.Process.With([new(WebPAnimation.DisableVariable, "1")]) };

        var ex = await Assert.ThrowsAsync<PeepshowException>(() => ExtractAsync(clip.Path, dir, services: services));

        Assert.Equal(ExitCodes.InputUnresolvable, ex.ExitCode);
        Assert.Contains("libwebpdemux", ex.Message);
        Assert.Contains("libwebpdemux2", ex.Hint);
        Assert.False(Directory.Exists(dir.Combine("run")));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_failed_run_in_an_existing_output_folder_removes_only_its_own_files()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Combine("run"));
        await File.WriteAllTextAsync(dir.Combine("run", "notes.txt"), "mine", TestContext.Current.CancellationToken);
        var data = "data:video/mp4;base64," + Convert.ToBase64String("definitely not an mp4"u8.ToArray());

        await Assert.ThrowsAsync<PeepshowException>(() => ExtractAsync(data, dir));

        Assert.Equal([dir.Combine("run", ".peepshow.lock"), dir.Combine("run", "notes.txt")], Directory.GetFiles(dir.Combine("run")).Order(StringComparer.Ordinal));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_run_that_fails_between_analysis_and_extraction_leaves_no_candidate_frames_in_an_existing_output_folder()
    {
        var clip = await TestMedia.HardCutsAsync(TestContext.Current.CancellationToken);
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Combine("run"));
        await File.WriteAllTextAsync(dir.Combine("run", "notes.txt"), "mine", TestContext.Current.CancellationToken);
        var failing = new FailAtStage("extracting", () => Directory.GetFiles(dir.Combine("run"), ".cand_*").Length);

        var ex = await Assert.ThrowsAsync<IOException>(() =>
            ExtractAsync(clip.Path, dir, r => r with { End = FourShots }, new RunServices { Stdin = StdinSource.None, Progress = failing }));

        Assert.Equal("injected at extracting", ex.Message);
        Assert.True(failing.Seen > 0, "the analysis wrote no candidates, so this spec shows nothing");
        Assert.Equal([dir.Combine("run", ".peepshow.lock"), dir.Combine("run", "notes.txt")], Directory.GetFiles(dir.Combine("run")).Order(StringComparer.Ordinal));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_new_run_into_the_same_output_folder_replaces_stale_frames_but_keeps_other_files()
    {
        var clip = await TestMedia.StillAsync(TestContext.Current.CancellationToken);
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Combine("run"));
        await File.WriteAllTextAsync(dir.Combine("run", "frame_0009.jpg"), "stale", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(dir.Combine("run", "frame_notes.txt"), "mine", TestContext.Current.CancellationToken);

        var result = await ExtractAsync(clip.Path, dir);

        Assert.False(File.Exists(dir.Combine("run", "frame_0009.jpg")));
        Assert.True(File.Exists(dir.Combine("run", "frame_notes.txt")));
        Assert.Equal(
            // .peepshow.lock stays: the lock a run holds on its folder (removing it would let two runs lock two files).
            [dir.Combine("run", ".peepshow.lock"), .. result.Payload.Frames.Select(f => f.Path), dir.Combine("run", "frame_notes.txt"), dir.Combine("run", "manifest.json"),
                dir.Combine("run", "report.html")],
            Directory.GetFiles(dir.Combine("run")).Order(StringComparer.Ordinal));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_start_past_the_end_is_exit_5_with_the_length_in_the_message()
    {
        var clip = await TestMedia.HardCutsAsync(TestContext.Current.CancellationToken);
        using var dir = new TempDir();

        var ex = await Assert.ThrowsAsync<PeepshowException>(() => ExtractAsync(clip.Path, dir, r => r with { Start = 99 }));

        Assert.Equal(ExitCodes.ZeroFrames, ex.ExitCode);
        Assert.Contains("past the end", ex.Message);
    }

    [Fact(Timeout = 120_000)]
    public async Task Png_frames_are_scaled_down_to_width_and_never_up()
    {
        var clip = await TestMedia.HardCutsAsync(TestContext.Current.CancellationToken);
        using var small = new TempDir();
        using var large = new TempDir();

        var down = await ExtractAsync(clip.Path, small, r => r with { Format = "png", Width = 200, End = FourShots });
        var up = await ExtractAsync(clip.Path, large, r => r with { Format = "png", Width = 4000, End = FourShots, Selection = new SelectionOptions { Max = 2 } });

        Assert.All(down.Payload.Frames, f => Assert.Equal((200, 112), PngSize(f.Path)));
        Assert.All(up.Payload.Frames, f => Assert.Equal((640, 360), PngSize(f.Path)));
        Assert.All(down.Payload.Frames, f => Assert.EndsWith(".png", f.Path));
    }

    [Fact(Timeout = 120_000)]
    public async Task Fixed_fps_samples_evenly_and_says_so()
    {
        var clip = await TestMedia.HardCutsAsync(TestContext.Current.CancellationToken);
        using var dir = new TempDir();

        var result = await ExtractAsync(clip.Path, dir, r => r with { Selection = new SelectionOptions { Fps = 1, Dedup = DedupMode.Off } });

        Assert.Equal("fps", result.Payload.Strategy);
        Assert.Equal(1, result.Payload.Extraction!.Fps);
        Assert.Equal(Enumerable.Range(0, 11).Select(i => (double)i), result.Payload.Frames.Select(f => Math.Round(f.TimestampSeconds!.Value)));
        Assert.All(result.Payload.Frames, f => Assert.Equal(FrameReasons.Fps, f.Reason));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_video_piped_on_stdin_is_extracted()
    {
        var clip = await TestMedia.HardCutsAsync(TestContext.Current.CancellationToken);
        using var dir = new TempDir();
        var stdin = new StdinSource(() => File.OpenRead(clip.Path), IsTerminal: false);

        var result = await ExtractAsync("-", dir, r => r with { End = FourShots }, new RunServices { Stdin = stdin });

        Assert.Equal(("stdin", "mp4"), (result.Payload.Input!.Kind, result.Payload.Input.Extension));
        Assert.Equal(4, result.Payload.Frames.Count);
    }

    [Fact(Timeout = 120_000)]
    public async Task An_apng_without_a_probed_duration_reports_the_decoded_length()
    {
        var clip = await TestMedia.ApngAsync(TestContext.Current.CancellationToken);
        using var dir = new TempDir();

        var result = await ExtractAsync(clip.Path, dir);

        Assert.Equal(1.0, result.Payload.Video!.DurationSeconds);
    }

    [Fact(Timeout = 120_000)]
    public async Task Seek_extraction_finds_the_same_frames_as_the_single_decode()
    {
        var clip = await TestMedia.HardCutsAsync(TestContext.Current.CancellationToken);
        using var single = new TempDir();
        using var seeked = new TempDir();

        // Four seeks show it as well as seven.
        var a = await ExtractWithAsync(clip.Path, new SelectionOptions(), seek: false, single, end: FourShots);
        var b = await ExtractWithAsync(clip.Path, new SelectionOptions(), seek: true, seeked, end: FourShots);

        Assert.Equal(0, a.Seeks);
        Assert.Equal(b.Frames.Count, b.Seeks);
        Assert.Equal(a.Frames.Select(f => (f.TimestampSeconds, f.Reason)), b.Frames.Select(f => (f.TimestampSeconds, f.Reason)));
        Assert.All(b.Frames, f => Assert.True(f.Bytes > 1000));
        Assert.Empty(Directory.GetFiles(single.Path, ".cand_*"));
    }

    [Fact(Timeout = 120_000)]
    public async Task The_min_fallback_frames_of_a_gif_are_written_from_the_single_decode_and_match_the_seek_path()
    {
        // One second of animation gives one detected frame; --min 6 adds even samples to it.
        var clip = await TestMedia.AnimatedGifAsync(TestContext.Current.CancellationToken);
        var selection = new SelectionOptions { Min = 6 };
        using var single = new TempDir();
        using var seeked = new TempDir();

        var a = await ExtractWithAsync(clip.Path, selection, seek: false, single);
        var b = await ExtractWithAsync(clip.Path, selection, seek: true, seeked);

        Assert.Equal(6, a.Frames.Count);
        Assert.Equal(5, a.Frames.Count(f => f.Reason == FrameReasons.Fps));
        Assert.Equal(0, a.Seeks);
        Assert.Equal(6, b.Seeks);
        Assert.Equal(a.Frames.Select(f => (f.TimestampSeconds, f.Reason)), b.Frames.Select(f => (f.TimestampSeconds, f.Reason)));
        Assert.All(a.Frames, f => Assert.True(f.Bytes > 1000));
        Assert.Empty(Directory.GetFiles(single.Path, ".cand_*"));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_cut_in_the_last_second_is_written_from_the_single_decode_without_a_seek()
    {
        // The new shot is decided only when the decode ends; its picture must still go to the encoder.
        var clip = await TestMedia.GetAsync("late-cut.mp4", async path =>
        {
            await TestMedia.FfmpegAsync(TestContext.Current.CancellationToken,
                "-f", "lavfi", "-i", "testsrc2=s=640x360:r=30:d=3",
                "-f", "lavfi", "-i", "smptebars=s=640x360:r=30:d=0.5",
                "-filter_complex", "[0:v][1:v]concat=n=2:v=1:a=0,format=yuv420p[v]", "-map", "[v]",
                "-c:v", "libx264", "-preset", "ultrafast", path);
            return [new Segment(0, 3, "testsrc2"), new Segment(3, 3.5, "smptebars")];
        });
        using var dir = new TempDir();

        var outcome = await ExtractWithAsync(clip.Path, new SelectionOptions { Min = 1 }, seek: false, dir);

        Assert.Contains(outcome.Frames, f => f.TimestampSeconds >= 3.0 && f.Reason == FrameReasons.SceneCut);
        Assert.Equal(0, outcome.Seeks);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_failing_frame_encoder_is_a_warning_and_every_frame_is_still_written()
    {
        var clip = await TestMedia.HardCutsAsync(TestContext.Current.CancellationToken);
        using var dir = new TempDir();
        // A folder where the encoder's first candidate file goes: ffmpeg cannot open it and stops.
        Directory.CreateDirectory(dir.Combine("run", ".cand_00001.jpg"));

        // Each of the four shots' frames is written again after the encoder failed.
        var result = await ExtractAsync(clip.Path, dir, r => r with { End = FourShots });

        Assert.Equal(4, result.Payload.Frames.Count);
        Assert.All(result.Payload.Frames, f => Assert.True(new FileInfo(f.Path).Length > 1000));
        using var manifest = JsonDocument.Parse(await File.ReadAllBytesAsync(result.ManifestPath, TestContext.Current.CancellationToken));
        var warning = Assert.Single(manifest.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!));
        Assert.Contains("could not encode the kept frames", warning);
        // ffmpeg's own reason comes with it (here "av_interleaved_write_frame(): Input/output error").
        Assert.Matches(@"frames during the decode \(.*error.*\); they were extracted again", warning);
        Assert.Contains(warning, result.Hints);
    }

    /// <summary>Analyses and extracts <paramref name="input"/> with the ffmpeg source, in one decode or with seeks.</summary>
    private static async Task<ExtractionOutcome> ExtractWithAsync(string input, SelectionOptions selection, bool seek, TempDir dir, double? end = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var ffmpeg = FfmpegLocator.Locate(EnvironmentVariables.Process.Get, Environment.CurrentDirectory);
        var name = Path.GetFileName(input);
        var media = await FfProbe.AnalyseAsync(ffmpeg, input, name, ct);
        var source = new FfmpegFrameSource(ffmpeg, media.ToolVersion, input, media, name) { DisableSingleDecode = seek };
        var output = new ExtractRequest { OutputDir = dir.Path, Format = "jpg", MaxWidth = 1280 };
        var analysis = await source.AnalyseAsync(new AnalysisRequest { End = end, Selection = selection, Output = output }, ct);
        return await source.ExtractAsync(analysis, output, ct);
    }

    private static (int Width, int Height) PngSize(string path)
    {
        var header = File.ReadAllBytes(path).AsSpan(16, 8);
        return (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header[4..]));
    }

    private sealed class FakeAudio(AudioInfo? result, bool fail = false) : IAudioStage
    {
        public AudioInfo? Result { get; } = result;

        public AudioStageContext? Context { get; private set; }

        public async Task<AudioInfo?> RunAsync(AudioStageContext context, CancellationToken cancellationToken)
        {
            Context = context;
            await Task.Yield();
            return fail ? throw new InvalidOperationException("no decoder today") : Result;
        }
    }

    private sealed class FakeSinks : IDeliveryStage
    {
        public RunPayload? Received { get; private set; }

        public List<string> FilesPresentAtDispatch { get; } = [];

        public Task<IReadOnlyList<SinkResult>> DeliverAsync(DeliveryContext context, CancellationToken cancellationToken)
        {
            Received = context.Payload;
            FilesPresentAtDispatch.AddRange(Directory.GetFiles(context.OutputDir));
            IReadOnlyList<SinkResult> records =
            [
                new SinkResult
                {
                    Name = "dummy", Kind = SinkKind.Name, Source = SinkResult.SourceCli, Status = SinkResult.StatusFailed,
                    ExitCode = 5, Stderr = "backend down", Sink = SinkSpec.ParseName("dummy"),
                },
            ];
            return Task.FromResult(records);
        }
    }

    /// <summary>Fails the run when <paramref name="stage"/> starts, after counting what <paramref name="look"/> sees at that moment.</summary>
    private sealed class FailAtStage(string stage, Func<int> look) : IRunProgress
    {
        public int Seen { get; private set; }

        public void Stage(string name, double? total)
        {
            if (name != stage)
                return;
            Seen = look();
            throw new IOException($"injected at {name}");
        }

        public void Message(string line)
        {
        }

        public void Report(double value)
        {
        }
    }
}
