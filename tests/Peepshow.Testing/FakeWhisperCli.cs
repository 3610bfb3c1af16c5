namespace Peepshow.Testing;

/// <summary>
/// The <c>whisper-cli</c> double (tests/Peepshow.Testing.FakeWhisperCli). Like the dummy sink, Peepshow.Testing
/// references it as Content, so its apphost and dll sit next to every spec assembly.
/// </summary>
public static class FakeWhisperCli
{
    /// <summary>The folder holding the double (it shares it with the spec assemblies; prefer <see cref="InstallTo"/> for PATH).</summary>
    public static string Directory => AppContext.BaseDirectory;

    public static string ExecutablePath => Path.Combine(Directory, "whisper-cli");

    /// <summary>
    /// Writes <c>&lt;dir&gt;/whisper-cli</c>, a script that exports <paramref name="env"/> and runs the double, so
    /// a spec's PATH holds only that and each spec steers its own double (specs run in parallel).
    /// Returns the script's path. Env: <c>FAKE_WHISPER_ARGS_FILE</c> records argv, <c>FAKE_WHISPER_EXIT</c> forces a failure.
    /// </summary>
    public static string InstallTo(string dir, params (string Name, string Value)[] env)
    {
        if (!File.Exists(ExecutablePath))
            throw new FileNotFoundException($"{ExecutablePath} is missing; building a project that references tests/Peepshow.Testing copies it there", ExecutablePath);
        System.IO.Directory.CreateDirectory(dir);
        var script = Path.Combine(dir, "whisper-cli");
        var exports = string.Concat(env.Select(e => $"export {e.Name}='{e.Value.Replace("'", "'\\''", StringComparison.Ordinal)}'\n"));
        // Through the dotnet host that runs the specs when there is one: the apphost alone only finds a
        // runtime in the default install locations, and a spec's PATH is deliberately bare.
        var run = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host
            ? $"'{host}' '{Path.Combine(Directory, "whisper-cli.dll")}'"
            : $"'{ExecutablePath}'";
        File.WriteAllText(script, $"#!/bin/sh\n{exports}exec {run} \"$@\"\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }
}
