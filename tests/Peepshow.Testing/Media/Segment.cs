namespace Peepshow.Testing.Media;

public readonly record struct Segment(double Start, double End, string Label);
