namespace Peepshow.Core.Extraction;

/// <summary>How a later picture differs from an earlier one (see <see cref="ChangeClassifier"/>).</summary>
public enum ChangeKind
{
    /// <summary>No pixel changed strongly.</summary>
    None,

    /// <summary>Only a text cursor or caret appeared, disappeared or moved: nothing worth a frame.</summary>
    Cursor,

    /// <summary>Everything the earlier picture showed is still there; new content was drawn on its background.</summary>
    Addition,

    /// <summary>Earlier content was removed, replaced, recoloured or moved.</summary>
    Alteration,
}
