namespace Peepshow.Testing.Doubles;

/// <summary>One request the double received.</summary>
public sealed record RecordedUpload(DateTimeOffset At, string? Authorization, IReadOnlyDictionary<string, string> Fields, string? FileName, long FileBytes, double? FileSeconds, int Status);
