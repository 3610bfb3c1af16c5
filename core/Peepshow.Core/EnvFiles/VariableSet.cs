namespace Peepshow.Core.EnvFiles;

/// <summary>The variables one consumer reads: what it cannot run without, where its requests go, and what it sends there.</summary>
/// <param name="Owner">A sink's name (<c>databricks</c>), <c>transcription</c> or <c>yt-dlp</c>.</param>
/// <param name="Endpoints">Variables that choose the host the credentials travel to.</param>
/// <param name="Credentials">Variables whose values are sent to that host.</param>
public sealed record VariableSet(string Owner, IReadOnlyList<string> Required, IReadOnlyList<string> Endpoints, IReadOnlyList<string> Credentials);
