using System.Collections.Concurrent;
using Peepshow.Core.Processes;

namespace Peepshow.Testing;

/// <summary>
/// Media with known audio for the audio and transcription specs, generated with ffmpeg and espeak-ng on
/// first use and cached for the rest of the test process (one shared temp folder, removed at exit).
/// </summary>
public static class AudioClips
{
    /// <summary>Length of the speech part of <see cref="SpeechThenSilenceAsync"/>; the rest is digital silence.</summary>
    public const double SpeechSeconds = 5;

    public const double SpeechThenSilenceSeconds = 10;

    public const double SineSeconds = 2;

    public const string SpokenText =
        "Hello from peepshow. This clip says a few words so the audio pass has speech to keep, " +
        "and then it stays quiet for five seconds.";

    private static readonly string Root = CreateRoot();
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Cache = new(StringComparer.Ordinal);

    /// <summary>10 s MP4 (H.264 + 44.1 kHz stereo AAC): 5 s of espeak-ng speech, then 5 s of silence.</summary>
    public static Task<string> SpeechThenSilenceAsync() => Get("speech-then-silence.mp4", async path =>
    {
        var speech = Path.Combine(Root, "speech.wav");
        await RunAsync("espeak-ng", "-s", "170", "-w", speech, SpokenText);
        await FfmpegAsync(
            "-f", "lavfi", "-i", $"testsrc=size=160x120:rate=10:duration={SpeechThenSilenceSeconds}",
            "-i", speech,
            "-filter_complex",
            $"[1:a]aresample=44100,apad=whole_dur={SpeechSeconds},atrim=0:{SpeechSeconds},apad=whole_dur={SpeechThenSilenceSeconds},atrim=0:{SpeechThenSilenceSeconds},pan=stereo|c0=c0|c1=c0[a]",
            "-map", "0:v", "-map", "[a]",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-b:a", "96k",
            "-t", $"{SpeechThenSilenceSeconds}", path);
    });

    /// <summary>2 s MOV with a full-scale 440 Hz sine as 16-bit PCM (lossless, so the peak is exactly 0 dBFS).</summary>
    public static Task<string> FullScaleSineAsync() => Get("full-scale-sine.mov", path => FfmpegAsync(
        "-f", "lavfi", "-i", $"color=c=gray:size=160x120:rate=10:duration={SineSeconds}",
        // The sine source peaks at 1/8 of full scale; x8 reaches it exactly.
        "-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=16000:duration={SineSeconds},volume=8",
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
        "-c:a", "pcm_s16le", "-shortest", path));

    /// <summary>3 s MP4 with a video stream and no audio stream at all.</summary>
    public static Task<string> VideoWithoutAudioAsync() => Get("no-audio.mp4", path => FfmpegAsync(
        "-f", "lavfi", "-i", "testsrc=size=160x120:rate=10:duration=3",
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", path));

    /// <summary>2 s animated GIF.</summary>
    public static Task<string> AnimatedGifAsync() => Get("animated.gif", path => FfmpegAsync(
        "-f", "lavfi", "-i", "testsrc=size=160x120:rate=10:duration=2", path));

    /// <summary>Duration of the first audio stream of <paramref name="path"/> according to ffprobe, plus its rate and channels.</summary>
    public static async Task<(double Seconds, int SampleRate, int Channels, string Codec)> ProbeAudioAsync(string path)
    {
        var result = await new Command("ffprobe")
            .WithArguments("-v", "error", "-select_streams", "a:0", "-show_entries", "stream=codec_name,sample_rate,channels:format=duration", "-of", "default=noprint_wrappers=1", path)
            .ExecuteBufferedAsync();
        var values = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(kv => kv.Length == 2)
            .ToDictionary(kv => kv[0], kv => kv[1].Trim());
        return (
            double.Parse(values["duration"], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(values["sample_rate"], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(values["channels"], System.Globalization.CultureInfo.InvariantCulture),
            values["codec_name"]);
    }

    private static Task<string> Get(string name, Func<string, Task> create) =>
        Cache.GetOrAdd(name, _ => new Lazy<Task<string>>(async () =>
        {
            var path = Path.Combine(Root, name);
            await create(path);
            return path;
        })).Value;

    private static Task FfmpegAsync(params string[] args) =>
        RunAsync("ffmpeg", ["-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-y", .. args]);

    private static async Task RunAsync(string program, params string[] args)
    {
        var result = await new Command(program).WithArguments(args).WithTimeout(TimeSpan.FromMinutes(1)).ExecuteBufferedAsync();
        if (!result.IsSuccess)
            throw new InvalidOperationException($"generating test media failed: {program} exited {result.ExitCode}: {result.StandardError}");
    }

    private static string CreateRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), $"peepshow-audio-clips-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        return root;
    }
}
