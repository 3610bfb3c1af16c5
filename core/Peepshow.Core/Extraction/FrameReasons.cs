namespace Peepshow.Core.Extraction;

/// <summary>Why a frame was kept. These strings are the payload's <c>frames[].reason</c>.</summary>
public static class FrameReasons
{
    /// <summary>The opening picture of the analysed window.</summary>
    public const string First = "first";

    /// <summary>The scene score crossed <c>--threshold</c>: a new shot.</summary>
    public const string SceneCut = "scene-cut";

    /// <summary>Part of the picture changed and then held still: a new slide, new text, a new window.</summary>
    public const string ContentChange = "content-change";

    /// <summary>Continuous motion moved the picture far from the last kept frame.</summary>
    public const string Coverage = "coverage";

    /// <summary>
    /// The last state of a progressive build: later pictures only added to an earlier candidate (words typed,
    /// bullets revealed, lines printed, a bar growing), which this frame supersedes. Taken when the build holds
    /// still, or just before its content is cleared, replaced or scrolled away.
    /// </summary>
    public const string BuildComplete = "build-complete";

    /// <summary>Even sampling: <c>--fps</c>, or the fallback when detection found fewer than <c>--min</c>.</summary>
    public const string Fps = "fps";
}
