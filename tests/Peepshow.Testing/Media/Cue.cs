namespace Peepshow.Testing.Media;

/// <summary>One subtitle cue of the ground truth: exact times and the text a transcript must carry.</summary>
public readonly record struct Cue(double Start, double End, string Text, string Markup);
