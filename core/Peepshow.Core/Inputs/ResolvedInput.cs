using Peepshow.Protocol.Payload;

namespace Peepshow.Core.Inputs;

/// <summary>An input made local: the file ffmpeg reads, what the payload says about it, and how to name it in messages.</summary>
public sealed record ResolvedInput(string LocalPath, InputInfo Info, string DisplayName)
{
    /// <summary>True when peepshow wrote <see cref="LocalPath"/> itself (URL, data URI, stdin, a pipe or device given as a path).</summary>
    public bool IsCopy => Info.Kind != InputKinds.Path || LocalPath != Info.Path;

    /// <summary>What the page a video came from says about it (<see cref="PageTags"/>); empty for every other input.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// <c>video.tags</c>: the page's tags first, then the file's own (<paramref name="fileTags"/>, from ffprobe) that
    /// the page does not set. The page knows the video's title better than a muxer that wrote "video.mp4".
    /// </summary>
    public IReadOnlyDictionary<string, string> TagsOver(IReadOnlyDictionary<string, string> fileTags)
    {
        if (Tags.Count == 0)
            return fileTags;
        var merged = new Dictionary<string, string>(Tags, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in fileTags)
            merged.TryAdd(key, value);
        return merged;
    }
}
