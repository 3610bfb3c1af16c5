namespace Peepshow.Testing.Media;

/// <summary><c>Peepshow.Testing media &lt;clip&gt;… &lt;dir&gt;</c>: the generated clips, for the demo, the bench and humans.</summary>
public static class MediaCommand
{
    private static readonly Dictionary<string, Func<CancellationToken, Task<GeneratedClip>>> Clips = new(StringComparer.Ordinal)
    {
        ["slides"] = TestMedia.TextSlidesAsync,
        ["numbered"] = TestMedia.NumberedSlidesAsync,
        ["cuts"] = TestMedia.HardCutsAsync,
        ["still"] = TestMedia.StillAsync,
        ["gif"] = TestMedia.AnimatedGifAsync,
        ["apng"] = TestMedia.ApngAsync,
        ["webp"] = TestMedia.AnimatedWebPAsync,
        ["speech"] = TestMedia.SpeechClipAsync,
        ["speech-silence"] = TestMedia.SpeechThenSilenceAsync,
        ["sine"] = TestMedia.FullScaleSineAsync,
        ["demo"] = TestMedia.DemoClipAsync,
        ["typing"] = ScreenRecordings.TypingAsync,
        ["bullets"] = ScreenRecordings.BulletDeckAsync,
        ["terminal"] = ScreenRecordings.TerminalScrollAsync,
        ["prompt"] = ScreenRecordings.BlinkingPromptAsync,
        ["caret"] = ScreenRecordings.EditorCaretAsync,
        ["filmed"] = ScreenRecordings.FilmedSlidesAsync,
        ["browser-deck"] = BrowserRecordings.BulletDeckAsync,
        ["bench60"] = ct => TestMedia.BenchClipAsync(60, ct),
        ["bench300"] = ct => TestMedia.BenchClipAsync(300, ct),
    };

    public static IEnumerable<string> Names => Clips.Keys;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2)
        {
            await Console.Error.WriteLineAsync($"usage: media <clip>... <dir>   clips: {string.Join(", ", Names)}");
            return 2;
        }
        var dir = Path.GetFullPath(args[^1]);
        Directory.CreateDirectory(dir);
        foreach (var name in args[..^1])
        {
            if (!Clips.TryGetValue(name, out var make))
            {
                await Console.Error.WriteLineAsync($"unknown clip '{name}'; known: {string.Join(", ", Names)}");
                return 2;
            }
            var clip = await make(CancellationToken.None);
            var target = Path.Combine(dir, Path.GetFileName(clip.Path));
            await TestMedia.CopyAsync(clip, target);
            Console.WriteLine(target);
        }
        return 0;
    }
}
