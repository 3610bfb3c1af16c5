namespace Peepshow.Testing;

/// <summary>Where the executables built from this repository (doubles, the CLI) are, for specs that run them as processes.</summary>
public static class TestPrograms
{
    /// <summary>The repository root: the folder holding <c>Peepshow.slnx</c>, found above the test binaries.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Debug or Release, whichever the running specs were built in.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    /// <summary>The folder holding the built <c>whisper-cli</c> double (tests/Peepshow.Testing.FakeWhisperCli).</summary>
    public static string FakeWhisperCliDirectory => OutputOf("tests", "Peepshow.Testing.FakeWhisperCli");

    public static string FakeWhisperCli => Path.Combine(FakeWhisperCliDirectory, "whisper-cli");

    /// <summary>The build output folder of a project in this repository, for the running configuration.</summary>
    public static string OutputOf(string area, string project) =>
        Path.Combine(RepositoryRoot, area, project, "bin", Configuration, "net10.0");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Peepshow.slnx")))
                return dir.FullName;
        throw new InvalidOperationException($"Peepshow.slnx not found above {AppContext.BaseDirectory}");
    }
}
