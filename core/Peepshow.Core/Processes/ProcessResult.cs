namespace Peepshow.Core.Processes;

/// <summary>
/// How a process run by <see cref="CommandExtensions.RunAsync"/> ended. <see cref="ExitCode"/> is null when
/// the timeout killed it: the process tree was torn down and no exit status of its own exists.
/// </summary>
public record ProcessResult(int? ExitCode, DateTimeOffset StartTime, DateTimeOffset ExitTime, bool TimedOut)
{
    public bool IsSuccess => ExitCode == 0 && !TimedOut;

    public TimeSpan RunTime => ExitTime - StartTime;
}
