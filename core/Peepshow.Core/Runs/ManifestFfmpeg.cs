namespace Peepshow.Core.Runs;

public sealed record ManifestFfmpeg(string Source, string Path, string ProbePath, string Version);
