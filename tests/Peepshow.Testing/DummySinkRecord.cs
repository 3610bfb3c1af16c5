namespace Peepshow.Testing;

/// <summary>The dummy's recording: the exact stdin bytes, its arguments, and its PEEPSHOW_*/DUMMY_* env as KEY=value lines.</summary>
public sealed record DummySinkRecord(byte[] Stdin, IReadOnlyList<string> Args, IReadOnlyList<string> Env);
