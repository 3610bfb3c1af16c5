namespace Peepshow.Core.Agents;

/// <summary>A video named in a prompt: an existing file's absolute path, or an http(s) URL.</summary>
public sealed record VideoMention(string Input, bool IsUrl);
