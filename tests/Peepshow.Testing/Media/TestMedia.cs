using System.Collections.Concurrent;
using System.Globalization;
using CliWrap;
using Peepshow.Core.Media;
using Peepshow.Core.Processes;

namespace Peepshow.Testing.Media;

/// <summary>
/// Media for specs, generated with ffmpeg's lavfi sources (and espeak-ng for speech), never downloaded.
/// Each clip is made once per test run, on first use, into a shared folder; concurrent specs asking for
/// the same clip wait for the same generation, and with <see cref="SharedFolderVariable"/> set, so do the other
/// spec processes of the run.
/// </summary>
public static class TestMedia
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<GeneratedClip>>> Cache = new(StringComparer.Ordinal);

    /// <summary>
    /// A folder that every spec process of one <c>./build.sh test</c> shares (the Test task sets it and empties it
    /// first), so a clip is generated once per run rather than once per spec project. Without it each process
    /// generates into a temporary folder of its own, deleted when it exits.
    /// </summary>
    public const string SharedFolderVariable = "PEEPSHOW_SPEC_MEDIA";

    private static readonly Lazy<(string Path, bool Shared)> Root = new(() =>
    {
        if (Environment.GetEnvironmentVariable(SharedFolderVariable) is { Length: > 0 } shared)
        {
            var folder = Path.GetFullPath(shared);
            Directory.CreateDirectory(folder);
            return (folder, true);
        }
        var dir = Path.Combine(Path.GetTempPath(), $"peepshow-media-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        return (dir, false);
    });

    /// <summary>The twelve sentences of <see cref="TextSlidesAsync"/>, one per slide.</summary>
    public static IReadOnlyList<string> SlideTexts { get; } =
    [
        "Welcome to the quarterly review",
        "Revenue grew twelve percent",
        "Churn fell to four percent",
        "Three new regions launched",
        "Hiring plan for next quarter",
        "Infrastructure costs are flat",
        "Customer satisfaction is up",
        "Roadmap for search and sharing",
        "Risks in supply and pricing",
        "Budget request summary",
        "Questions from the board",
        "Thank you",
    ];

    /// <summary>
    /// A screen-recording-like deck: 12 slides of 2 s on the same dark background with the same title;
    /// only the body sentence and the slide number change. 1280×720, H.264 (x264 ultrafast), 10 fps, the analysis's own
    /// sampling rate: nothing moves between two samples, and 30 fps cost three times the encode for the same frames chosen.
    /// </summary>
    public static Task<GeneratedClip> TextSlidesAsync(CancellationToken cancellationToken = default) =>
        GetAsync("slides.mp4", async path =>
        {
            var font = FontFile();
            var filters = new List<string>();
            var segments = new List<Segment>();
            filters.Add(Text(font, "Quarterly review", 40, "60", "50", "0xE0E0E0", null));
            for (var i = 0; i < SlideTexts.Count; i++)
            {
                var (start, end) = (i * 2.0, (i + 1) * 2.0);
                var enable = $"gte(t,{Num(start)})*lt(t,{Num(end)})";
                filters.Add(Text(font, SlideTexts[i], 52, "(w-text_w)/2", "320", "white", enable));
                filters.Add(Text(font, $"{i + 1} of {SlideTexts.Count}", 28, "w-160", "h-70", "0xA0A0A0", enable));
                segments.Add(new Segment(start, end, SlideTexts[i]));
            }
            await FfmpegAsync(cancellationToken,
                "-f", "lavfi", "-i", $"color=c=0x1E2A38:s=1280x720:r=10:d={SlideTexts.Count * 2}",
                "-vf", string.Join(',', filters) + ",format=yuv420p",
                "-c:v", "libx264", "-preset", "ultrafast", "-crf", "23", path);
            return segments;
        });

    /// <summary>
    /// The hardest deck: 12 slides of 2 s at 1920×1080, black on white, where only the number in
    /// "Slide N" changes (32 px text, about 21 px once the frames are scaled to 1280 wide). 10 fps, the analysis's
    /// own sampling rate: a 1080p frame is costly to encode, and nothing here moves between two samples.
    /// </summary>
    public static Task<GeneratedClip> NumberedSlidesAsync(CancellationToken cancellationToken = default) =>
        GetAsync("numbered-slides.mp4", async path =>
        {
            var font = FontFile();
            var filters = new List<string> { Text(font, "Agenda", 32, "60", "50", "black", null) };
            var segments = new List<Segment>();
            for (var i = 0; i < 12; i++)
            {
                var (start, end) = (i * 2.0, (i + 1) * 2.0);
                filters.Add(Text(font, $"Slide {i + 1}", 32, "(w-text_w)/2", "(h-text_h)/2", "black", $"gte(t,{Num(start)})*lt(t,{Num(end)})"));
                segments.Add(new Segment(start, end, $"Slide {i + 1}"));
            }
            await FfmpegAsync(cancellationToken,
                "-f", "lavfi", "-i", "color=c=white:s=1920x1080:r=10:d=24",
                "-vf", string.Join(',', filters) + ",format=yuv420p",
                "-c:v", "libx264", "-preset", "ultrafast", path);
            return segments;
        });

    /// <summary>
    /// Seven shots of 1.5 s with six hard cuts between different patterns, including a red-to-green cut of
    /// equal brightness (only colour changes). 640×360, 30 fps, H.264 (x264 veryfast, tuned for a cheap decode).
    /// </summary>
    public static Task<GeneratedClip> HardCutsAsync(CancellationToken cancellationToken = default) =>
        GetAsync("cuts.mp4", async path =>
        {
            string[] sources =
            [
                "testsrc2=s=640x360:r=30",
                "smptebars=s=640x360:r=30",
                "mandelbrot=s=640x360:r=30",
                "rgbtestsrc=s=640x360:r=30",
                "color=c=0xC02020:s=640x360:r=30",
                "color=c=0x206E20:s=640x360:r=30",
                "cellauto=s=640x360:r=30:rule=110",
            ];
            return await ShotsAsync(sources, framesPerShot: 45, path, cancellationToken, fastDecode: true);
        });

    /// <summary>20 s of one still picture (a test card), 10 fps (the analysis's own sampling rate): nothing ever changes.</summary>
    public static Task<GeneratedClip> StillAsync(CancellationToken cancellationToken = default) =>
        GetAsync("still.mp4", async path =>
        {
            await FfmpegAsync(cancellationToken,
                "-f", "lavfi", "-i", "smptehdbars=s=640x360:r=10:d=20", "-vf", "format=yuv420p",
                "-c:v", "libx264", "-preset", "ultrafast", "-tune", "stillimage", path);
            return [new Segment(0, 20, "still")];
        });

    /// <summary>A 1 s animated GIF (testsrc2 at 10 fps, with its frame counter).</summary>
    public static Task<GeneratedClip> AnimatedGifAsync(CancellationToken cancellationToken = default) =>
        GetAsync("anim.gif", async path =>
        {
            await FfmpegAsync(cancellationToken, "-f", "lavfi", "-i", "testsrc2=s=320x240:r=10:d=1", path);
            return [new Segment(0, 1, "gif")];
        });

    /// <summary>A 1 s APNG (testsrc2 at 10 fps).</summary>
    public static Task<GeneratedClip> ApngAsync(CancellationToken cancellationToken = default) =>
        GetAsync("anim.apng", async path =>
        {
            await FfmpegAsync(cancellationToken, "-f", "lavfi", "-i", "testsrc2=s=320x240:r=10:d=1", "-plays", "0", "-f", "apng", path);
            return [new Segment(0, 1, "apng")];
        });

    /// <summary>A 2 s animated WebP: one second of red, one of blue (libwebp's encoder in ffmpeg).</summary>
    public static Task<GeneratedClip> AnimatedWebPAsync(CancellationToken cancellationToken = default) =>
        GetAsync("anim.webp", async path =>
        {
            await FfmpegAsync(cancellationToken,
                "-f", "lavfi", "-i", "color=c=0xD02020:s=320x240:r=10:d=1",
                "-f", "lavfi", "-i", "testsrc2=s=320x240:r=10:d=1",
                "-filter_complex", "[0:v][1:v]concat=n=2:v=1:a=0[v]", "-map", "[v]",
                "-c:v", "libwebp_anim", "-loop", "0", "-lossless", "0", "-q:v", "80", path);
            return [new Segment(0, 1, "red"), new Segment(1, 2, "testsrc2")];
        });

    /// <summary>A short clip with a spoken sentence (espeak-ng), for the audio stage and the demo.</summary>
    public static Task<GeneratedClip> SpeechClipAsync(CancellationToken cancellationToken = default) =>
        GetAsync("speech.mp4", async path =>
        {
            var wav = Path.ChangeExtension(path, ".wav");
            await Cli.Wrap(FindTool("espeak-ng"))
                .WithArguments(["-w", wav, "Hello. This clip has two scenes and a few spoken words."])
                .RunBufferedAsync(TimeSpan.FromSeconds(60), cancellationToken: cancellationToken);
            await FfmpegAsync(cancellationToken,
                "-f", "lavfi", "-i", "testsrc2=s=640x360:r=30:d=2",
                "-f", "lavfi", "-i", "smptebars=s=640x360:r=30:d=2",
                "-i", wav,
                "-filter_complex", "[0:v][1:v]concat=n=2:v=1:a=0,format=yuv420p[v]", "-map", "[v]", "-map", "2:a",
                "-c:v", "libx264", "-preset", "veryfast", "-tune", "fastdecode", "-c:a", "aac", "-shortest", path);
            return [new Segment(0, 2, "testsrc2"), new Segment(2, 4, "smptebars")];
        });

    /// <summary>The sentence of <see cref="SpeechThenSilenceAsync"/>, longer than its 5 s of speech so the speech fills them.</summary>
    public const string SpokenText =
        "Hello from peepshow. This clip says a few words so the audio pass has speech to keep, " +
        "and then it stays quiet for five seconds.";

    /// <summary>
    /// 10 s, H.264 + 44.1 kHz stereo AAC: espeak-ng speech for exactly the first 5 s (segment "speech"), then
    /// 5 s of digital silence ("silence"). For the audio pass: duration, silence ratio, transcripts.
    /// </summary>
    public static Task<GeneratedClip> SpeechThenSilenceAsync(CancellationToken cancellationToken = default) =>
        GetAsync("speech-then-silence.mp4", async path =>
        {
            var wav = Path.ChangeExtension(path, ".wav");
            await Cli.Wrap(FindTool("espeak-ng"))
                .WithArguments(["-s", "170", "-w", wav, SpokenText])
                .RunBufferedAsync(TimeSpan.FromSeconds(60), cancellationToken: cancellationToken);
            await FfmpegAsync(cancellationToken,
                "-f", "lavfi", "-i", "testsrc=size=320x240:rate=10:duration=10",
                "-i", wav,
                "-filter_complex", "[1:a]aresample=44100,apad=whole_dur=5,atrim=0:5,apad=whole_dur=10,atrim=0:10,pan=stereo|c0=c0|c1=c0[a]",
                "-map", "0:v", "-map", "[a]",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "96k", "-t", "10", path);
            return [new Segment(0, 5, "speech"), new Segment(5, 10, "silence")];
        });

    /// <summary>2 s MOV with a full-scale 440 Hz sine as 16-bit PCM: lossless, so its peak is exactly 0 dBFS.</summary>
    public static Task<GeneratedClip> FullScaleSineAsync(CancellationToken cancellationToken = default) =>
        GetAsync("full-scale-sine.mov", async path =>
        {
            await FfmpegAsync(cancellationToken,
                "-f", "lavfi", "-i", "color=c=gray:size=320x240:rate=10:duration=2",
                // The sine source peaks at 1/8 of full scale; x8 reaches it exactly.
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=16000:duration=2,volume=8",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "pcm_s16le", "-shortest", path);
            return [new Segment(0, 2, "sine")];
        });

    /// <summary>Codec, sample rate, channels and duration of the first audio stream, as ffprobe reports them.</summary>
    public static async Task<(string Codec, int SampleRate, int Channels, double Seconds)> ProbeAudioAsync(string path, CancellationToken cancellationToken = default)
    {
        var result = await Cli.Wrap(FfmpegLocator.Locate(EnvironmentVariables.Process.Get, Environment.CurrentDirectory).FfprobePath)
            .WithArguments(["-v", "error", "-select_streams", "a:0", "-show_entries", "stream=codec_name,sample_rate,channels:format=duration",
                "-of", "default=noprint_wrappers=1", path])
            .RunBufferedAsync(cancellationToken: cancellationToken);
        var values = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(kv => kv.Length == 2)
            .ToDictionary(kv => kv[0], kv => kv[1].Trim());
        return (values["codec_name"], int.Parse(values["sample_rate"], CultureInfo.InvariantCulture),
            int.Parse(values["channels"], CultureInfo.InvariantCulture), double.Parse(values["duration"], CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The <c>./build.sh demo</c> clip, about 14 s at 1280×720: a title card, two slides whose text
    /// changes, a moving test pattern and colour bars, narrated by espeak-ng.
    /// </summary>
    public static Task<GeneratedClip> DemoClipAsync(CancellationToken cancellationToken = default) =>
        GetAsync("demo.mp4", async path =>
        {
            var font = FontFile();
            var wav = Path.ChangeExtension(path, ".wav");
            await Cli.Wrap(FindTool("espeak-ng"))
                .WithArguments(["-s", "150", "-w", wav,
                    "Welcome to the peepshow demo. First, two slides. Revenue grew twelve percent. " +
                    "Then a moving test pattern, and finally colour bars. Thanks for watching."])
                .RunBufferedAsync(TimeSpan.FromSeconds(60), cancellationToken: cancellationToken);
            var slide = Text(font, "Quarterly review", 40, "60", "50", "0xE0E0E0", null);
            await FfmpegAsync(cancellationToken,
                "-f", "lavfi", "-i", "color=c=0x101820:s=1280x720:r=30:d=3",
                "-f", "lavfi", "-i", "color=c=0x1E2A38:s=1280x720:r=30:d=5",
                "-f", "lavfi", "-i", "testsrc2=s=1280x720:r=30:d=3",
                "-f", "lavfi", "-i", "smptehdbars=s=1280x720:r=30:d=3",
                "-i", wav,
                "-filter_complex",
                $"[0:v]{Text(font, "peepshow demo", 72, "(w-text_w)/2", "(h-text_h)/2", "white", null)}[title];" +
                $"[1:v]{slide},{Text(font, "Welcome to the quarterly review", 52, "(w-text_w)/2", "320", "white", "lt(t,2.5)")}," +
                $"{Text(font, "Revenue grew twelve percent", 52, "(w-text_w)/2", "320", "white", "gte(t,2.5)")}[slides];" +
                "[title][slides][2:v][3:v]concat=n=4:v=1:a=0,format=yuv420p[v]",
                "-map", "[v]", "-map", "4:a", "-af", "apad", "-t", "14",
                "-c:v", "libx264", "-preset", "veryfast", "-c:a", "aac", path);
            return
            [
                new Segment(0, 3, "title"), new Segment(3, 5.5, "slide 1"), new Segment(5.5, 8, "slide 2"),
                new Segment(8, 11, "testsrc2"), new Segment(11, 14, "bars"),
            ];
        });

    /// <summary>
    /// The bench clip: <paramref name="seconds"/> of 1280×720 at 30 fps, seven shots of different test
    /// patterns (most of them moving) with six hard cuts, H.264 (libx264 veryfast, B-frames on).
    /// </summary>
    public static Task<GeneratedClip> BenchClipAsync(int seconds, CancellationToken cancellationToken = default) =>
        GetAsync($"bench-{seconds}s.mp4", async path =>
        {
            string[] sources =
            [
                "testsrc2=s=1280x720:r=30", "smptehdbars=s=1280x720:r=30", "testsrc=s=1280x720:r=30",
                "rgbtestsrc=s=1280x720:r=30", "cellauto=s=1280x720:r=30:rule=110",
                "life=s=1280x720:r=30:mold=10:ratio=0.1", "gradients=s=1280x720:r=30",
            ];
            return await ShotsAsync(sources, BenchShotFrames(seconds), path, cancellationToken);
        });

    /// <summary>
    /// Concatenates 30 fps lavfi sources into one H.264 clip (x264 veryfast), whole frames per shot so the ground
    /// truth matches the cuts to the frame. <paramref name="fastDecode"/> adds <c>-tune fastdecode</c> (CAVLC, no
    /// deblocking), for clips the specs decode again and again: about 1.4 times cheaper to decode, with veryfast's
    /// frame types and motion search kept. Moving patterns make the selection's pick inside a shot (the least-moving
    /// frame) depend on those, so ultrafast, cheaper still, would move the chosen frames.
    /// </summary>
    private static async Task<IReadOnlyList<Segment>> ShotsAsync(string[] sources, int framesPerShot, string path, CancellationToken cancellationToken,
        bool fastDecode = false)
    {
        var args = new List<string>();
        foreach (var source in sources)
            args.AddRange(["-f", "lavfi", "-i", $"{source},trim=end_frame={framesPerShot},setpts=PTS-STARTPTS"]);
        var inputs = string.Concat(sources.Select((_, i) => $"[{i}:v]"));
        args.AddRange(["-filter_complex", $"{inputs}concat=n={sources.Length}:v=1:a=0,format=yuv420p[v]", "-map", "[v]",
            "-c:v", "libx264", "-preset", "veryfast", .. (fastDecode ? new[] { "-tune", "fastdecode" } : []), path]);
        await FfmpegAsync(cancellationToken, [.. args]);
        var shot = framesPerShot / 30.0;
        return sources.Select((s, i) => new Segment(i * shot, (i + 1) * shot, s.Split('=')[0])).ToList();
    }

    /// <summary>Frames per shot of <see cref="BenchClipAsync"/>: seven shots at 30 fps.</summary>
    public static int BenchShotFrames(int seconds) => (int)Math.Round(seconds * 30 / 7.0);

    /// <summary>Copies a cached clip to <paramref name="path"/>, for specs that damage or rename it.</summary>
    public static async Task<string> CopyAsync(GeneratedClip clip, string path, CancellationToken cancellationToken = default)
    {
        await using var source = File.OpenRead(clip.Path);
        await using var target = File.Create(path);
        await source.CopyToAsync(target, cancellationToken);
        return path;
    }

    /// <summary>Any cached or custom clip: <paramref name="generate"/> writes <c>path</c> and returns the ground truth.</summary>
    /// <remarks>
    /// The clip is generated under a name of its own and renamed into place, its ground truth written beside it
    /// (<c>&lt;clip&gt;.segments</c>) before that, so a process that finds the clip in the shared folder finds its
    /// segments too. Two processes that generate the same clip at once each rename a complete file over the
    /// other's; a spec that has the clip open keeps reading the file it opened.
    /// </remarks>
    public static Task<GeneratedClip> GetAsync(string name, Func<string, Task<IReadOnlyList<Segment>>> generate) =>
        Cache.GetOrAdd(name, key => new Lazy<Task<GeneratedClip>>(async () =>
        {
            var (root, shared) = Root.Value;
            var path = Path.Combine(root, key);
            var truth = path + ".segments";
            if (shared && File.Exists(path))
                return new GeneratedClip(path, ReadSegments(truth));
            var partial = Path.Combine(root, $"tmp-{Environment.ProcessId}-{Guid.NewGuid():N}-{key}");
            var segments = await generate(partial);
            var partialTruth = partial + ".segments";
            await File.WriteAllLinesAsync(partialTruth, segments.Select(FormatSegment));
            File.Move(partialTruth, truth, overwrite: true);
            File.Move(partial, path, overwrite: true);
            return new GeneratedClip(path, segments);
        })).Value;

    /// <summary>One line per segment: start, end and label, tab-separated, times round-tripping exactly.</summary>
    private static string FormatSegment(Segment segment) =>
        string.Create(CultureInfo.InvariantCulture, $"{segment.Start:R}\t{segment.End:R}\t{segment.Label}");

    private static List<Segment> ReadSegments(string file) =>
        File.ReadAllLines(file)
            .Select(line => line.Split('\t', 3))
            .Select(fields => new Segment(double.Parse(fields[0], CultureInfo.InvariantCulture), double.Parse(fields[1], CultureInfo.InvariantCulture), fields[2]))
            .ToList();

    public static async Task FfmpegAsync(CancellationToken cancellationToken, params string[] args)
    {
        var ffmpeg = FfmpegLocator.Locate(EnvironmentVariables.Process.Get, Environment.CurrentDirectory).FfmpegPath;
        var result = await Cli.Wrap(ffmpeg)
            .WithArguments(["-hide_banner", "-nostdin", "-loglevel", "error", "-y", .. args])
            .RunBufferedAsync(TimeSpan.FromMinutes(30), cancellationToken: cancellationToken);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"ffmpeg could not generate test media: {result.StandardError.Trim()}");
    }

    /// <summary>DejaVu Sans (Debian fonts-dejavu-core), else whatever fontconfig matches.</summary>
    public static string FontFile()
    {
        const string dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
        if (File.Exists(dejavu))
            return dejavu;
        var match = Cli.Wrap("fc-match").WithArguments(["-f", "%{file}", "sans"]).RunBufferedAsync().GetAwaiter().GetResult();
        return match.ExitCode == 0 && File.Exists(match.StandardOutput.Trim())
            ? match.StandardOutput.Trim()
            : throw new InvalidOperationException("no font for drawtext: install fonts-dejavu-core");
    }

    private static string FindTool(string name) =>
        Environment.GetEnvironmentVariable("PATH")!.Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"{name} is not installed");

    private static string Text(string font, string text, int size, string x, string y, string color, string? enable) =>
        $"drawtext=fontfile='{font}':text='{text}':fontsize={size}:fontcolor={color}:x={x}:y={y}" + (enable is null ? "" : $":enable='{enable}'");

    private static string Num(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
