// `./build.sh package`: what users download (the linux-x64 archive, the dotnet tool packages, their
// SHA256SUMS). Loaded by build.cake, whose Package task then hands the folder to the release check in C#
// (tests/Peepshow.Demo, `release-check`); docs/install.md is the user's side of it.

using System.Security.Cryptography;

// <Version> in Directory.Build.props: the one place the product version is written.
string ProductVersion() =>
    XDocument.Load(MakeAbsolute(File("./Directory.Build.props")).FullPath).Descendants()
        .Single(element => element.Name.LocalName == "Version").Value.Trim();

// What users get: peepshow and every shipped sink, never the specs' dummy sink.
IEnumerable<FilePath> ShippedProjects() =>
    ShippedSinkProjects()
        .Prepend(MakeAbsolute(File("./core/Peepshow.Cli/Peepshow.Cli.csproj")));

// peepshow-<version>-linux-x64.tar.gz: one top folder with the published binaries and every runtime
// file beside them (relative paths kept, since the binaries load them from their own folder), LICENSE,
// README.md, install.sh, and a SHA256SUMS of all of it, which install.sh checks and installs from.
FilePath WriteArchive(DirectoryPath binaries, DirectoryPath packages, string version)
{
    var name = $"peepshow-{version}-{Rid}";
    var staging = MakeAbsolute(artifacts + Directory("staging"));
    var folder = staging.Combine(name);
    CleanDirectory(staging);
    EnsureDirectoryExists(folder);

    foreach (var file in System.IO.Directory.EnumerateFiles(binaries.FullPath, "*", SearchOption.AllDirectories))
    {
        var relative = System.IO.Path.GetRelativePath(binaries.FullPath, file);
        if (relative != DummySinkName)
            CopyKeepingMode(file, folder.CombineWithFilePath(relative).FullPath);
    }
    CopyKeepingMode("./LICENSE", folder.CombineWithFilePath("LICENSE").FullPath);
    CopyKeepingMode("./build/archive-README.md", folder.CombineWithFilePath("README.md").FullPath);
    CopyKeepingMode("./install.sh", folder.CombineWithFilePath("install.sh").FullPath);
    WriteSha256Sums(folder, System.IO.Directory.EnumerateFiles(folder.FullPath, "*", SearchOption.AllDirectories)
        .Select(file => System.IO.Path.GetRelativePath(folder.FullPath, file)));

    var archive = MakeAbsolute(packages.CombineWithFilePath($"{name}.tar.gz"));
    // Owner and order fixed, so the archive depends on the files only, not on who built it.
    var tar = StartProcess("tar", new ProcessSettings
    {
        Arguments = new ProcessArgumentBuilder().Append("--sort=name").Append("--owner=0").Append("--group=0").Append("--numeric-owner")
            .Append("-czf").AppendQuoted(archive.FullPath).Append("-C").AppendQuoted(staging.FullPath).AppendQuoted(name),
    });
    if (tar != 0)
        throw new CakeException($"tar exited {tar} while writing {archive}");
    return archive;
}

// Framework-dependent net10.0 tool packages, one per program (docs/install.md: why not Native AOT).
IReadOnlyList<FilePath> PackTools(DirectoryPath packages)
{
    foreach (var project in ShippedProjects())
    {
        Information($"Packing {AssemblyName(project)} as a dotnet tool ({CliFramework}, framework-dependent)");
        DotNetPack(project.FullPath, new DotNetPackSettings
        {
            Configuration = configuration,
            OutputDirectory = packages,
            NoLogo = true,
            // Only here, and for net10.0 only: the net9.0 build is the Native AOT one, which a tool
            // package cannot hold, and its publish must not go through the tool-packing targets.
            MSBuildSettings = StrictMSBuild().WithProperty("TargetFrameworks", CliFramework).WithProperty("PackAsTool", "true"),
        });
    }
    return GetFiles($"{packages}/*.nupkg").OrderBy(file => file.FullPath, StringComparer.Ordinal).ToList();
}

// `sha256sum -c` format, paths relative to the folder.
void WriteSha256Sums(DirectoryPath folder, IEnumerable<string> relativePaths)
{
    var lines = relativePaths.Order(StringComparer.Ordinal)
        .Select(path => $"{Sha256(folder.CombineWithFilePath(path))}  {path}\n");
    System.IO.File.WriteAllText(folder.CombineWithFilePath("SHA256SUMS").FullPath, string.Concat(lines));
}

string Sha256(FilePath file) =>
    Convert.ToHexString(SHA256.HashData(System.IO.File.ReadAllBytes(file.FullPath))).ToLowerInvariant();

// File.Copy keeps the executable bit on Unix.
void CopyKeepingMode(string from, string to)
{
    System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(to));
    System.IO.File.Copy(from, to, overwrite: true);
}
