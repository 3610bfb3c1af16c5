using Peepshow.Core.Processes;
using Peepshow.Protocol;

namespace Peepshow.Core.Sinks;

/// <summary>
/// Finds <c>peepshow-sink-&lt;name&gt;</c>: the <c>PEEPSHOW_SINK_PATH</c> folders, then the folder of the
/// <c>peepshow</c> executable (so sinks shipped beside it work without PATH changes; for a peepshow
/// installed as a .NET tool, also the folder of the tool commands), then <c>PATH</c>.
/// The first executable file wins; a same-named file without an execute bit is passed over, and only
/// reported when nothing executable exists anywhere. Relative folders in either list, and a cmd sink's relative
/// program, start at the folder peepshow was started in (<see cref="FromEnvironment"/>'s working directory).
/// </summary>
public sealed class SinkLocator(IReadOnlyList<string> preferredDirectories, string? path, string workingDirectory)
{
    /// <summary>Searched before PATH: the <c>PEEPSHOW_SINK_PATH</c> folders, then peepshow's own folder.</summary>
    public IReadOnlyList<string> PreferredDirectories { get; } = preferredDirectories;

    public IReadOnlyList<string> SearchDirectories { get; } = [.. preferredDirectories.Concat(Split(path)).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// PATH for a cmd sink's shell: the preferred folders in front of the inherited PATH (kept verbatim),
    /// so <c>add-cmd 'peepshow-sink-x …'</c> finds the same program <c>--sink x</c> does.
    /// </summary>
    public string ShellPath { get; } = string.Join(Path.PathSeparator, preferredDirectories.Append(path ?? "").Where(d => d.Length > 0));

    /// <param name="workingDirectory">Where relative folders and programs start: the folder peepshow was started in.</param>
    /// <param name="peepshowDirectory">The folder of the running peepshow; defaults to the app's base directory.</param>
    public static SinkLocator FromEnvironment(Func<string, string?> env, string workingDirectory, string? peepshowDirectory = null)
    {
        peepshowDirectory ??= AppContext.BaseDirectory;
        var preferred = Split(env(EnvNames.SinkPath)).Concat(OwnFolders(peepshowDirectory));
        return new SinkLocator([.. preferred.Distinct(StringComparer.Ordinal)], env("PATH"), workingDirectory);
    }

    /// <summary>Where relative search folders and a cmd sink's relative program start.</summary>
    public string WorkingDirectory { get; } = workingDirectory;

    /// <summary>
    /// peepshow's folder and, when peepshow runs as a .NET tool, the folder its command lives in. A tool's
    /// files sit deep in <c>&lt;tools&gt;/.store/peepshow/&lt;version&gt;/…/tools/net10.0/any/</c>, while the
    /// commands of every tool installed the same way (<c>-g</c> or one <c>--tool-path</c>), sinks included,
    /// sit side by side in <c>&lt;tools&gt;</c>, which is not on PATH with <c>--tool-path</c>.
    /// </summary>
    private static IEnumerable<string> OwnFolders(string peepshowDirectory)
    {
        var own = Path.TrimEndingDirectorySeparator(peepshowDirectory);
        yield return own;
        for (var dir = new DirectoryInfo(own); dir.Parent is not null; dir = dir.Parent)
        {
            if (dir.Name == ".store")
            {
                yield return Path.TrimEndingDirectorySeparator(dir.Parent.FullName);
                yield break;
            }
        }
    }

    public SinkLocation Locate(string sinkName) => Find(SinkName.ExecutableFor(sinkName));

    /// <summary>Finds the program a cmd sink starts (its first word), for <c>sinks list</c>.</summary>
    public SinkLocation LocateCommand(string command)
    {
        var word = SinkSpec.FirstWord(command);
        if (word.Length == 0)
            return SinkLocation.NotFound;
        if (word.Contains('/'))
            return Check(Path.GetFullPath(word, WorkingDirectory)) ?? SinkLocation.NotFound;
        return Find(word);
    }

    public SinkLocation Locate(SinkSpec spec) => spec.Kind == SinkKind.Name ? Locate(spec.Name!) : LocateCommand(spec.Command!);

    private SinkLocation Find(string fileName)
    {
        SinkLocation? notExecutable = null;
        foreach (var dir in SearchDirectories)
        {
            var found = Check(Path.GetFullPath(Path.Combine(dir, ExecutableLookup.ExecutableName(fileName)), WorkingDirectory));
            if (found is { Found: true })
                return found;
            notExecutable ??= found;
        }
        return notExecutable ?? SinkLocation.NotFound;
    }

    private static SinkLocation? Check(string path) =>
        !File.Exists(path) ? null
        : ExecutableLookup.IsExecutableFile(path) ? SinkLocation.At(path)
        : SinkLocation.NotExecutable(path);

    // An empty entry in a PATH-style list means the current directory to a shell; for sinks that
    // would run whatever happens to sit in the working folder, so empty entries are ignored.
    private static IEnumerable<string> Split(string? list) =>
        (list ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Path.TrimEndingDirectorySeparator);
}
