namespace Peepshow.Core.Runs;

/// <summary>Progress of a run, for the stderr progress bar (shown only on a terminal).</summary>
public interface IRunProgress
{
    /// <summary>A new stage starts; <paramref name="total"/> is in the stage's own unit (seconds, frames), null if unknown.</summary>
    void Stage(string name, double? total);

    void Report(double value);

    /// <summary>Prints one line on stderr above the display (a plain write would be drawn over).</summary>
    void Message(string line);
}
