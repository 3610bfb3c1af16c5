// `./build.sh package`: what users download (the linux-x64 archive, the dotnet tool packages, their
// SHA256SUMS) and the release check that installs both the way a user would. Loaded by build.cake;
// docs/install.md is the user's side of it.

using System.Security.Cryptography;
using System.Text.Json;

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
    RunChecked("tar", ["--sort=name", "--owner=0", "--group=0", "--numeric-owner", "-czf", archive.FullPath, "-C", staging.FullPath, name]);
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

// A clip from tests/Peepshow.Testing's generator, made into .artifacts/staging.
FilePath GeneratedClip(string name)
{
    var folder = MakeAbsolute(artifacts + Directory("staging"));
    var made = RunChecked("dotnet", [TestingAssembly().FullPath, "media", name, folder.FullPath]);
    return new FilePath(made.Trim());
}

////////////////////////////////////////////////////////////////
// The release check

// A user's machine: a fresh HOME and nothing on PATH but the system folders (no .NET SDK for the
// archive, ffmpeg from the OS). Transcription is off: a check never downloads a model.
Dictionary<string, string> CleanUserEnvironment(DirectoryPath sandbox) => new()
{
    ["HOME"] = sandbox.Combine("home").FullPath,
    ["PATH"] = "/usr/bin:/bin",
    ["PEEPSHOW_HOME"] = sandbox.Combine("peepshow-state").FullPath,
    ["PEEPSHOW_TRANSCRIBE"] = "off",
    ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
    ["DOTNET_NOLOGO"] = "1",
    ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
};

// install.sh from the repository on the archive (SHA256SUMS beside it), a clip through the installed
// peepshow into the Databricks double, every binary's --version, then a re-run from the unpacked folder
// (the upgrade path) and --uninstall, after which HOME must be empty again.
void CheckArchiveInstall(FilePath archive, string version, FilePath clip, DirectoryPath sandbox)
{
    Information($"Release check: install.sh --archive {archive.GetFilename()} into a clean HOME (PATH=/usr/bin:/bin)");
    var env = CleanUserEnvironment(sandbox);
    var home = env["HOME"];
    EnsureDirectoryExists(home);
    var bin = System.IO.Path.Combine(home, ".local", "bin");

    Relay(RunChecked("sh", [MakeAbsolute(File("./install.sh")).FullPath, "--archive", archive.FullPath], env));
    CheckVersions(bin, version, env);
    RunChecked(System.IO.Path.Combine(bin, "peepshow-sink-databricks"), ["--help"], env);
    CheckClipThroughDatabricks(System.IO.Path.Combine(bin, "peepshow"), clip, env, sandbox);

    var unpacked = sandbox.Combine("unpacked");
    EnsureDirectoryExists(unpacked);
    RunChecked("tar", ["-xzf", archive.FullPath, "-C", unpacked.FullPath]);
    var upgrade = RunChecked("sh", [unpacked.Combine($"peepshow-{version}-{Rid}").CombineWithFilePath("install.sh").FullPath], env);
    Information($"  re-run from the unpacked archive: {upgrade.Split('\n').First(line => line.StartsWith("peepshow ", StringComparison.Ordinal))}");
    CheckVersions(bin, version, env);

    RunChecked("sh", [MakeAbsolute(File("./install.sh")).FullPath, "--uninstall"], env);
    var left = System.IO.Directory.EnumerateFileSystemEntries(home, "*", SearchOption.AllDirectories).ToList();
    if (left.Count > 0)
        throw new CakeException($"install.sh --uninstall left {string.Join(", ", left)}");
    Information("  --uninstall left HOME empty");
}

// `dotnet tool install --tool-path` from .artifacts/packages only, then the installed tools: their
// versions, and a clip through --sink databricks, which peepshow must find beside its own command
// although the tool folder is not on PATH.
void CheckToolInstall(DirectoryPath packages, string version, FilePath clip, DirectoryPath sandbox)
{
    Information("Release check: dotnet tool install --tool-path from .artifacts/packages into a clean HOME");
    var env = CleanUserEnvironment(sandbox);
    EnsureDirectoryExists(env["HOME"]);
    var tools = sandbox.Combine("tools").FullPath;
    // Only the local folder as a package source: the check must not depend on (or reach) a registry.
    var config = sandbox.CombineWithFilePath("nuget.config").FullPath;
    System.IO.File.WriteAllText(config, "<configuration><packageSources><clear /></packageSources></configuration>\n");

    foreach (var id in ShippedProjects().Select(AssemblyName))
        RunChecked("dotnet", ["tool", "install", "--tool-path", tools, "--configfile", config, "--add-source", MakeAbsolute(packages).FullPath, "--version", version, id], env);
    CheckVersions(tools, version, env);
    CheckClipThroughDatabricks(System.IO.Path.Combine(tools, "peepshow"), clip, env, sandbox);
}

// `--version` of peepshow and every sink in the folder starts with the product version.
void CheckVersions(string folder, string version, IDictionary<string, string> env)
{
    foreach (var program in ShippedProjects().Select(AssemblyName))
    {
        var printed = RunChecked(System.IO.Path.Combine(folder, program), ["--version"], env).Trim();
        var shown = printed.StartsWith("peepshow-sink-", StringComparison.Ordinal) ? printed.Split(' ')[1] : printed;
        if (shown != version)
            throw new CakeException($"{program} --version printed '{printed}', expected version {version}");
    }
    Information($"  every program in {folder} prints version {version}");
}

void CheckClipThroughDatabricks(string peepshow, FilePath clip, IDictionary<string, string> userEnv, DirectoryPath sandbox)
{
    // The double's documented demo credentials (DatabricksDouble.DemoToken, DemoWarehouseId).
    const string token = "dapi-peepshow-demo", warehouse = "5eed0demo0warehouse";
    using var databricks = StandaloneDouble.Start(Context, TestingAssembly(), "databricks", new Dictionary<string, string>
    {
        ["DATABRICKS_DOUBLE_TOKEN"] = token,
        ["DATABRICKS_DOUBLE_WAREHOUSE_ID"] = warehouse,
    });
    var env = new Dictionary<string, string>(userEnv)
    {
        ["DATABRICKS_URL"] = databricks.Url,
        ["DATABRICKS_TOKEN"] = token,
        ["DATABRICKS_WAREHOUSE_ID"] = warehouse,
    };
    var output = sandbox.Combine("runs").Combine(Guid.NewGuid().ToString("N")).FullPath;
    var json = RunChecked(peepshow, [clip.FullPath, "--emit", "json", "--output", output, "--sink", "databricks"], env);
    var frames = JsonDocument.Parse(json).RootElement.GetProperty("frames").GetArrayLength();
    if (frames == 0)
        throw new CakeException($"{peepshow} chose no frames from {clip.GetFilename()}");
    var row = databricks.NextLine(TimeSpan.FromSeconds(30));
    Information($"  {peepshow} {clip.GetFilename()} --emit json --sink databricks: {frames} frames, one row stored ({row.Length} characters)");
}

// Runs a program with exactly `env` (nothing inherited when env is given), throws on a non-zero exit
// with its stderr, and returns its stdout.
string RunChecked(string file, string[] args, IDictionary<string, string> env = null)
{
    var run = env is null
        ? RunProcess(file, args, [], new Dictionary<string, string>())
        : RunProcess(file, args, [], env, clearPrefix: "");
    if (run.ExitCode != 0)
        throw new CakeException($"{file} {string.Join(' ', args)} exited {run.ExitCode}: {run.Stderr.Trim()}{Environment.NewLine}{run.Stdout.Trim()}");
    return run.Stdout;
}

void Relay(string output)
{
    foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        Information("  " + line);
}

// A backend double from tests/Peepshow.Testing on a free loopback port. It prints `listening on URL`,
// then one JSON line per record it stores; closing its stdin stops it.
sealed class StandaloneDouble : IDisposable
{
    private readonly System.Diagnostics.Process _process;
    private readonly System.Collections.Concurrent.BlockingCollection<string> _lines;

    private StandaloneDouble(System.Diagnostics.Process process, System.Collections.Concurrent.BlockingCollection<string> lines, string url)
    {
        _process = process;
        _lines = lines;
        Url = url;
    }

    public string Url { get; }

    public static StandaloneDouble Start(ICakeContext context, FilePath testingDll, string name, IDictionary<string, string> env)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { testingDll.FullPath, name, "--port", "0" })
            start.ArgumentList.Add(arg);
        foreach (var (key, value) in env)
            start.Environment[key] = value;
        var process = System.Diagnostics.Process.Start(start);
        var lines = new System.Collections.Concurrent.BlockingCollection<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data != null) lines.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) context.Log.Verbose($"[{name} double] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        if (!lines.TryTake(out var first, TimeSpan.FromSeconds(30)) || !first.StartsWith("listening on ", StringComparison.Ordinal))
        {
            process.Kill(entireProcessTree: true);
            throw new CakeException($"the {name} double did not start (first line: {first ?? "none"})");
        }
        return new StandaloneDouble(process, lines, first.Substring("listening on ".Length).Trim());
    }

    /// <summary>The next line the double printed (a stored record), waiting up to <paramref name="timeout"/>.</summary>
    public string NextLine(TimeSpan timeout) =>
        _lines.TryTake(out var line, timeout) ? line : throw new CakeException($"the double printed nothing within {timeout.TotalSeconds} s");

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(5000))
                _process.Kill(entireProcessTree: true);
        }
        finally
        {
            _process.Dispose();
        }
    }
}
