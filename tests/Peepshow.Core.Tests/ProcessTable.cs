namespace Peepshow.Core.Tests;

internal static class ProcessTable
{
    /// <summary>Running or sleeping; a zombie awaiting its reaper counts as gone.</summary>
    public static bool IsAlive(int pid) =>
        File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2].Equals("Z", StringComparison.Ordinal);
}
