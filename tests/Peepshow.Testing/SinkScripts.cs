using Peepshow.Protocol;

namespace Peepshow.Testing;

/// <summary>
/// Executable <c>peepshow-sink-&lt;name&gt;</c> files for dispatch specs: tiny /bin/sh scripts, or wrappers
/// that run the dummy sink with its behaviour fixed through DUMMY_SINK_* variables (so one process
/// environment can hold several differently-behaving sinks).
/// </summary>
public static class SinkScripts
{
    /// <summary>Writes <c>&lt;dir&gt;/peepshow-sink-&lt;name&gt;</c> running <paramref name="body"/> with /bin/sh, mode 755.</summary>
    public static string Write(string dir, string name, string body)
    {
        var path = Path.Combine(dir, SinkName.ExecutableFor(name));
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        return path;
    }

    /// <summary>A sink named <paramref name="name"/> that is the dummy sink with <paramref name="env"/> set.</summary>
    public static string WriteDummy(string dir, string name, Dictionary<string, string>? env = null)
    {
        if (!File.Exists(DummySink.ExecutablePath))
            throw new FileNotFoundException($"{DummySink.ExecutablePath} is missing; building a project that references tests/Peepshow.Testing copies it there", DummySink.ExecutablePath);
        var exports = string.Concat((env ?? new Dictionary<string, string>()).Select(kv => $"export {kv.Key}='{kv.Value.Replace("'", "'\\''", StringComparison.Ordinal)}'\n"));
        return Write(dir, name, $"{exports}exec '{DummySink.ExecutablePath}' \"$@\"");
    }
}
