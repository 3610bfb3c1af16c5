namespace Peepshow.Core.Tests;

/// <summary>What the dummy sink wrote into DUMMY_SINK_RECORD_DIR.</summary>
internal sealed record DummyRecord(byte[] Stdin, string[] Args, string[] Env)
{
    public static DummyRecord Read(string dir) => new(
        File.ReadAllBytes(Path.Combine(dir, "stdin.json")),
        File.ReadAllLines(Path.Combine(dir, "args.txt")),
        File.ReadAllLines(Path.Combine(dir, "env.txt")));
}
