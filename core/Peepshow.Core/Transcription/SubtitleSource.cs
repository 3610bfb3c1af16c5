using Peepshow.Core.Media;

namespace Peepshow.Core.Transcription;

/// <summary>
/// Where a transcript can come from without any speech recognition: a text subtitle stream inside the input,
/// or a sidecar <c>.srt</c>/<c>.vtt</c> file beside it (<c>clip.srt</c>, <c>clip.en.srt</c>, <c>clip.eng.forced.vtt</c>).
/// </summary>
/// <param name="SidecarPath">Set for a sidecar file.</param>
/// <param name="Stream">Set for an embedded stream.</param>
/// <param name="Language">ISO-639-1, from the stream's language tag or the file name; null when neither says.</param>
public sealed record SubtitleSource(string? SidecarPath, SubtitleStreamInfo? Stream, string? Language, bool IsForced)
{
    public static readonly IReadOnlyList<string> SidecarExtensions = [".srt", ".vtt"];

    /// <summary>How the transcript names its source in <c>model</c>: the sidecar's file name or <c>stream 0:2 (mov_text)</c>.</summary>
    public string Description => SidecarPath is { } path ? Path.GetFileName(path) : $"stream 0:{Stream!.Index} ({Stream.Codec})";

    public bool IsDefault => Stream?.IsDefault == true;

    /// <summary>
    /// The best source, or null when there is none. Picture-based streams (PGS, VobSub) are ignored: they hold
    /// no text. The order, first difference wins:
    /// <list type="number">
    /// <item>the language asked for with <c>PEEPSHOW_TRANSCRIBE_LANGUAGE</c>, when one is set;</item>
    /// <item>full subtitles before forced ones (forced streams only carry the lines in a foreign language);</item>
    /// <item>a sidecar file before an embedded stream (someone put it there on purpose);</item>
    /// <item>the stream marked default;</item>
    /// <item>file-name order for sidecars, stream order for embedded streams.</item>
    /// </list>
    /// </summary>
    /// <param name="inputPath">The local input file, when the input is one (sidecars are looked for beside it); null for URLs and stdin.</param>
    public static SubtitleSource? Find(MediaAnalysis media, string? inputPath, string? preferredLanguage)
    {
        var wanted = LanguageCodes.FromTag(preferredLanguage);
        var candidates = Sidecars(inputPath)
            .Concat(media.SubtitleStreams.Where(s => s.IsText).Select(s => new SubtitleSource(null, s, LanguageCodes.FromTag(s.Language), s.IsForced)))
            .Select((source, order) => (source, order));
        return candidates
            .OrderByDescending(c => wanted is not null && c.source.Language == wanted)
            .ThenBy(c => c.source.IsForced)
            .ThenByDescending(c => c.source.SidecarPath is not null)
            .ThenByDescending(c => c.source.IsDefault)
            .ThenBy(c => c.order)
            .Select(c => c.source)
            .FirstOrDefault();
    }

    /// <summary>Sidecar files beside <paramref name="inputPath"/>: its name without extension, optional dot-separated parts, then .srt or .vtt.</summary>
    public static IEnumerable<SubtitleSource> Sidecars(string? inputPath)
    {
        if (inputPath is null || Path.GetDirectoryName(Path.GetFullPath(inputPath)) is not { } dir || !Directory.Exists(dir))
            return [];
        var stem = Path.GetFileNameWithoutExtension(inputPath);
        var found = new List<SubtitleSource>();
        // Listed and filtered here rather than by a search pattern: a file name may contain '*' or '?'.
        foreach (var file in Directory.EnumerateFiles(dir))
        {
            var name = Path.GetFileName(file);
            var extension = Path.GetExtension(name);
            if (!SidecarExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase) || !name.StartsWith(stem + ".", StringComparison.Ordinal))
                continue;
            // "clip.en.forced.srt" → ["en", "forced"]; a plain "clip.srt" has no parts.
            var middle = name[stem.Length..^extension.Length];
            var parts = middle.Split('.', StringSplitOptions.RemoveEmptyEntries);
            var language = parts.Select(LanguageCodes.FromTag).FirstOrDefault(l => l is not null);
            var forced = parts.Any(p => p.Equals("forced", StringComparison.OrdinalIgnoreCase));
            found.Add(new SubtitleSource(file, null, language, forced));
        }
        return found.OrderBy(s => s.SidecarPath, StringComparer.Ordinal);
    }
}
