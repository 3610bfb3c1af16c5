using Peepshow.Testing.Media;

namespace Peepshow.Benchmarks;

/// <summary>
/// The bench's clips: 1280×720 at 30 fps with six hard cuts (seven shots of equal length), generated once into the
/// work folder and kept for later runs.
/// </summary>
public static class BenchClips
{
    public static async Task<GeneratedClip> GetAsync(string work, int seconds)
    {
        var path = Path.Combine(work, $"bench-{seconds}s.mp4");
        if (!File.Exists(path))
        {
            Console.WriteLine($"generating {path} (once; kept for later runs)…");
            var generated = await TestMedia.BenchClipAsync(seconds);
            await TestMedia.CopyAsync(generated, path);
        }
        // Seven shots of equal length: the same layout BenchClipAsync writes.
        var shot = TestMedia.BenchShotFrames(seconds) / 30.0;
        return new GeneratedClip(path, Enumerable.Range(0, 7).Select(i => new Segment(i * shot, (i + 1) * shot, $"shot {i + 1}")).ToList());
    }

    /// <summary>Every command finds the clip in the page cache: the bench measures work, not the disk.</summary>
    public static async Task WarmAsync(string path)
    {
        await using var file = File.OpenRead(path);
        await file.CopyToAsync(Stream.Null);
    }
}
