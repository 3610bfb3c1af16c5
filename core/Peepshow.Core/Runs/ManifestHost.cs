namespace Peepshow.Core.Runs;

public sealed record ManifestHost(string Platform, string Dotnet, ManifestFfmpeg Ffmpeg);
