namespace Peepshow.Testing;

/// <summary>Whether a process still runs, read from <c>/proc</c>: for processes a spec did not start itself.</summary>
public static class ProcessTable
{
    /// <summary>Running or sleeping; a zombie awaiting its reaper counts as gone (it runs and writes nothing more).</summary>
    public static bool IsAlive(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            // No such process, or reaped while being read.
            return false;
        }
        // "pid (comm) state …": the name may hold spaces and parentheses, the state follows the last ')'.
        return !stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
    }

    /// <summary>
    /// Whether <paramref name="pid"/> still runs after up to <paramref name="limit"/> (5 s by default): SIGKILL is
    /// delivered asynchronously, and on a loaded machine a killed process can still be running right after the run
    /// that killed it returned.
    /// </summary>
    public static async Task<bool> IsStillAliveAfterAMomentAsync(int pid, CancellationToken cancellationToken, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(5));
        while (IsAlive(pid) && DateTime.UtcNow < deadline)
            await Task.Delay(50, cancellationToken);
        return IsAlive(pid);
    }
}
