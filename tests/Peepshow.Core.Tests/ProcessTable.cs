namespace Peepshow.Core.Tests;

internal static class ProcessTable
{
    /// <summary>Running or sleeping; a zombie awaiting its reaper counts as gone.</summary>
    public static bool IsAlive(int pid) =>
        File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2].Equals("Z", StringComparison.Ordinal);

    /// <summary>
    /// Whether <paramref name="pid"/> still runs after up to 5 s: SIGKILL is delivered asynchronously, and on a loaded
    /// machine a killed process can still be running right after the run that killed it returned.
    /// </summary>
    public static async Task<bool> IsStillAliveAfterAMomentAsync(int pid)
    {
        for (var waited = 0; waited < 5000 && IsAlive(pid); waited += 50)
            await Task.Delay(50, TestContext.Current.CancellationToken);
        return IsAlive(pid);
    }
}
