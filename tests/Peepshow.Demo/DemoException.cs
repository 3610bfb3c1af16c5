namespace Peepshow.Demo;

/// <summary>A step of the demo failed; the message says which and why, in one line.</summary>
public sealed class DemoException(string message) : Exception(message);
