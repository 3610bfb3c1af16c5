namespace Peepshow.Core.Runs;

/// <summary>
/// Progress of a run, for the stderr progress bar (shown only on a terminal) and MCP progress notifications.
/// The one progress type of a run: it is also the <see cref="IProgress{T}"/> every stage reports to, in the
/// unit of the stage it last announced.
/// </summary>
public interface IRunProgress : IProgress<double>
{
    /// <summary>A new stage starts; <paramref name="total"/> is in the stage's own unit (seconds, frames), null if unknown.</summary>
    void Stage(string name, double? total);

    /// <summary>Prints one line on stderr above the display (a plain write would be drawn over).</summary>
    void Message(string line);
}
