using Peepshow.Protocol.Payload;

namespace Peepshow.Core.Inputs;

/// <summary>An input made local: the file ffmpeg reads, what the payload says about it, and how to name it in messages.</summary>
public sealed record ResolvedInput(string LocalPath, InputInfo Info, string DisplayName)
{
    /// <summary>True when peepshow wrote <see cref="LocalPath"/> itself (URL, data URI, stdin, a pipe or device given as a path).</summary>
    public bool IsCopy => Info.Kind != InputKinds.Path || LocalPath != Info.Path;
}

public static class InputKinds
{
    public const string Path = "path";
    public const string Url = "url";
    public const string DataUri = "data-uri";
    public const string Stdin = "stdin";
}
