using Peepshow.Testing.Media;

namespace Peepshow.Demo;

/// <summary>
/// The sample clip (a title card, two slides whose text changes, a moving test pattern and colour bars, narrated by
/// espeak-ng) through peepshow three ways, as a user would type them; returns the run's JSON payload, exactly what
/// sinks receive.
/// </summary>
public static class DemoExtraction
{
    public static async Task<byte[]> RunAsync(string peepshowDll, string work, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(work);
        var clip = Path.Combine(work, "demo.mp4");
        if (!File.Exists(clip))
        {
            Console.WriteLine("Generating the sample clip (ffmpeg test patterns + espeak-ng narration)...");
            await TestMedia.CopyAsync(await TestMedia.DemoClipAsync(cancellationToken), clip);
        }

        var run = Path.Combine(work, "run");
        var env = new Dictionary<string, string>
        {
            // Its own state folder, so the demo never fires the user's auto-sinks.
            ["PEEPSHOW_HOME"] = Path.Combine(work, "home"),
        };
        // The whisper model (~140 MB) is not fetched by a demo: place ggml-base.bin in $PEEPSHOW_WHISPER_MODEL_DIR, or set
        // PEEPSHOW_WHISPER_MODEL_URL yourself, to see the narration transcribed.
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("PEEPSHOW_WHISPER_MODEL_URL")))
            env["PEEPSHOW_WHISPER_MODEL_URL"] = "off";

        var shown = Path.GetRelativePath(Directory.GetCurrentDirectory(), work);
        Console.WriteLine();
        Console.WriteLine($"$ peepshow {shown}/demo.mp4 --output {shown}/run --stats full");
        var paths = await PeepshowAsync(peepshowDll, [clip, "--output", run, "--stats", "full"], env, cancellationToken);
        Relay(paths.StandardOutput);
        Relay(paths.StandardError);

        Console.WriteLine();
        Console.WriteLine($"$ peepshow {shown}/demo.mp4 --output {shown}/run --emit markdown -q");
        Relay((await PeepshowAsync(peepshowDll, [clip, "--output", run, "--emit", "markdown", "-q"], env, cancellationToken)).StandardOutput);

        var json = await PeepshowAsync(peepshowDll, [clip, "--output", run, "--emit", "json"], env, cancellationToken);
        var payload = Path.Combine(work, "payload.json");
        await File.WriteAllTextAsync(payload, json.StandardOutput, cancellationToken);
        Console.WriteLine();
        Console.WriteLine($"The run folder: {run} (frames, manifest.json). The JSON payload sinks receive: {payload}");
        return await File.ReadAllBytesAsync(payload, cancellationToken);
    }

    private static Task<Peepshow.Core.Processes.BufferedProcessResult> PeepshowAsync(
        string dll, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> env, CancellationToken cancellationToken) =>
        DemoProcess.RunAsync("dotnet", [dll, .. args], env, stdin: null, cancellationToken);

    private static void Relay(string output)
    {
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            Console.WriteLine("  " + line.TrimEnd('\r'));
    }
}
