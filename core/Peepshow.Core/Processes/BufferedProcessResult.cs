namespace Peepshow.Core.Processes;

/// <summary>A <see cref="ProcessResult"/> with the tails of stdout and stderr as text.</summary>
public sealed record BufferedProcessResult(int? ExitCode, DateTimeOffset StartTime, DateTimeOffset ExitTime, bool TimedOut, string StandardOutput, string StandardError)
    : ProcessResult(ExitCode, StartTime, ExitTime, TimedOut);
