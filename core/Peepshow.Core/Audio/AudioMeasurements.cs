namespace Peepshow.Core.Audio;

/// <summary>What the audio pass measured: peak level, total silence and the decoded length in 16 kHz samples.</summary>
public sealed record AudioMeasurements(double? PeakDbfs, double SilenceSeconds, long Samples16k);
