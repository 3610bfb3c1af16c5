using CliWrap;
using Peepshow.Protocol;

namespace Peepshow.Testing;

/// <summary>
/// <c>peepshow-sink-dummy</c> (tests/Peepshow.Testing.DummySink) as a real process. Peepshow.Testing
/// references it with <c>ReferenceOutputAssembly="false"</c> and <c>OutputItemType="Content"</c>, which
/// copies its dll, apphost, runtimeconfig and deps next to every spec assembly that references
/// Peepshow.Testing; without the Content item only the apphost and json files land and neither runs.
/// </summary>
public static class DummySink
{
    public const string Name = "dummy";

    /// <summary>The env vars that choose the dummy's behaviour (see its <c>--help</c>).</summary>
    public static class Env
    {
        public const string Exit = "DUMMY_SINK_EXIT";
        public const string RecordDir = "DUMMY_SINK_RECORD_DIR";
        public const string Line = "DUMMY_SINK_LINE";
        public const string StderrBytes = "DUMMY_SINK_STDERR_BYTES";
        public const string Secret = "DUMMY_SINK_SECRET";
        internal const string Prefix = "DUMMY_SINK_";
    }

    /// <summary>The folder holding the dummy: put it on <c>PEEPSHOW_SINK_PATH</c> to make <c>--sink dummy</c> find it.</summary>
    public static string Directory => AppContext.BaseDirectory;

    /// <summary>The dummy's managed entry assembly, run with <c>dotnet &lt;dll&gt;</c>.</summary>
    public static string AssemblyPath => Path.Combine(Directory, SinkName.ExecutableFor(Name) + ".dll");

    /// <summary>The native apphost named <c>peepshow-sink-dummy</c>: what a lookup by sink name finds.</summary>
    public static string ExecutablePath => Path.Combine(Directory, SinkName.ExecutableFor(Name) + (OperatingSystem.IsWindows() ? ".exe" : ""));

    /// <summary>
    /// <c>dotnet peepshow-sink-dummy.dll args…</c>. Inherited <c>DUMMY_SINK_*</c> variables are removed so
    /// only <paramref name="env"/> steers the dummy.
    /// </summary>
    public static Command Command(IEnumerable<string>? args = null, IReadOnlyDictionary<string, string>? env = null)
    {
        if (!File.Exists(AssemblyPath))
            throw new FileNotFoundException($"{AssemblyPath} is missing; building a project that references tests/Peepshow.Testing copies it there", AssemblyPath);

        return SinkRun.DotnetCommand(AssemblyPath, args, env, Env.Prefix);
    }

    /// <summary>Starts the dummy, pipes <paramref name="stdin"/> and closes it, and waits; cancelling kills it.</summary>
    public static Task<SinkRun> RunAsync(
        byte[] stdin,
        IReadOnlyDictionary<string, string>? env = null,
        IEnumerable<string>? args = null,
        CancellationToken cancellationToken = default) =>
        SinkRun.ProcessAsync(Command(args, env), stdin, cancellationToken);

    /// <summary>What the dummy wrote into <see cref="Env.RecordDir"/>.</summary>
    public static DummySinkRecord ReadRecord(string recordDir) => new(
        File.ReadAllBytes(Path.Combine(recordDir, "stdin.json")),
        File.ReadAllLines(Path.Combine(recordDir, "args.txt")),
        File.ReadAllLines(Path.Combine(recordDir, "env.txt")));
}
