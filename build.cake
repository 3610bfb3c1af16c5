// The build of peepshow for .NET. Run it through ./build.sh, which checks the OS packages and starts installing the spec
// clients first.
// Targets: Clean, Build, Test (default), Publish, Install, Package (build/package.cake); Demo and Bench run the C#
// tools in tests/Peepshow.Demo and tests/Peepshow.Benchmarks.

#load "./build/package.cake"

using System.Xml.Linq;

var target = Argument("target", "Test");
var configuration = Argument("configuration", "Release");
// How long one spec project may run before it is killed with everything it started (a hung spec must end the run,
// not stall CI); the Core and CLI projects take a minute or two on two cores.
var testTimeout = TimeSpan.FromMinutes(Argument("test-timeout-minutes", 10));

var solution = File("./Peepshow.slnx");
var artifacts = Directory("./.artifacts");
var binDir = artifacts + Directory("bin");
var testResultsDir = artifacts + Directory("test-results");
// The clips the specs generate, shared by every spec project of one Test run (PEEPSHOW_SPEC_MEDIA, docs/testing.md).
var specMediaDir = artifacts + Directory("spec-media");
var logsDir = artifacts + Directory("logs");
var packagesDir = artifacts + Directory("packages");

// Native AOT is published from net9.0, the one ILCompiler on our package source (docs/install.md, "Why framework-dependent"):
// the sinks and the peepshow CLI alike. Building, running and testing use net10.0.
const string AotFramework = "net9.0";
const string CliFramework = "net10.0";
const string Rid = "linux-x64";
const string DummySinkName = "peepshow-sink-dummy";

////////////////////////////////////////////////////////////////
// Tasks

Task("Clean")
    .Does(() =>
{
    var delete = new DeleteDirectorySettings { Recursive = true, Force = true };
    if (DirectoryExists(artifacts))
        DeleteDirectory(artifacts, delete);
    // Only the project folders: a blanket **/bin would also walk .git and node_modules.
    foreach (var folder in new[] { "core", "protocol", "sinks", "tests" })
        DeleteDirectories(GetDirectories($"./{folder}/**/bin").Concat(GetDirectories($"./{folder}/**/obj")), delete);
});

Task("Build")
    .Does(() =>
{
    try
    {
        DotNetBuild(solution, new DotNetBuildSettings
        {
            Configuration = configuration,
            NoLogo = true,
            // One compiler server for every compilation: a compiler started cold for each project spends several CPU
            // seconds loading and jitting itself and its analyzers and generators before it reads a line of ours; the
            // server does that once (docs/testing.md, "Where the time goes"). Set here because CI-like environments turn it off
            // with UseSharedCompilation=false.
            MSBuildSettings = StrictMSBuild().WithProperty("UseSharedCompilation", "true")
                // One MSBuild node: the server spreads each compilation over both cores by itself, and a second node (a
                // process with its own start-up) with a second compilation fighting for the same two cores cost more
                // than they overlap: about 11 CPU seconds and 3 s of wall time more on a clean build.
                .SetMaxCpuCount(1),
        });
    }
    finally
    {
        // The server would otherwise idle on for minutes after the build, holding memory the specs want.
        DotNetBuildServerShutdown(new DotNetBuildServerShutdownSettings { VBCSCompiler = true });
    }
});

Task("Test")
    .IsDependentOn("Build")
    .Does(() =>
{
    WaitForSpecClients();

    // Old TRX files would be counted again.
    CleanDirectory(testResultsDir);
    // Clips from an earlier run may come from older generator code: every run generates its own.
    CleanDirectory(specMediaDir);

    // Two lanes, each project in its own `dotnet test` with its own TRX name and log. The CLI and Core specs take
    // minutes and some hold themselves to the cores' pace (a Ctrl+C honoured within seconds): they run one after the
    // other in one lane, as alone as before. The other projects take seconds, mostly their hosts starting, and run one
    // after another in the second lane beside them.
    var heavy = new[] { "Peepshow.Cli.Tests", "Peepshow.Core.Tests" };
    var lanes = TestProjects()
        .GroupBy(project => heavy.Contains(project.GetFilenameWithoutExtension().FullPath))
        .Select(lane => lane.ToList())
        .ToList();
    var results = new System.Collections.Concurrent.ConcurrentBag<(string Name, TestCounts Counts, bool Red)>();
    var console = new object();
    var clock = System.Diagnostics.Stopwatch.StartNew();
    System.Threading.Tasks.Task.WaitAll(lanes.Select(lane => System.Threading.Tasks.Task.Run(() =>
    {
        foreach (var project in lane)
        {
            var result = RunTestProject(project);
            results.Add(result);
            // One block per project, never interleaved with another's.
            lock (console)
            {
                Console.Write(System.IO.File.ReadAllText(TestLog(result.Name).FullPath));
                Console.WriteLine($"{result.Name}: {result.Counts.Passed} passed, {result.Counts.Failed} failed, {result.Counts.Skipped} skipped"
                    + $" ({(result.Red ? "red" : "green")}, done at {clock.Elapsed:m\\:ss})");
            }
        }
    })).ToArray());

    var total = results.Aggregate(new TestCounts(0, 0, 0), (sum, r) =>
        new TestCounts(sum.Passed + r.Counts.Passed, sum.Failed + r.Counts.Failed, sum.Skipped + r.Counts.Skipped));
    var redProjects = results.Where(r => r.Red).Select(r => r.Name).OrderBy(name => name, StringComparer.Ordinal).ToList();

    // CI reads this exact line; plain Console so Cake's log colouring never splits it with ANSI codes.
    Console.WriteLine($"Tests: {total.Passed} passed, {total.Failed} failed, {total.Skipped} skipped");

    if (total.Failed > 0 || redProjects.Count > 0)
        throw new CakeException($"Tests failed in {string.Join(", ", redProjects)}.");
    if (total.Passed == 0)
        throw new CakeException("No tests ran: a green run with zero specs proves nothing.");
});

Task("Publish")
    .Does(() =>
{
    CleanDirectory(binDir);
    EnsureDirectoryExists(logsDir);

    foreach (var project in SinkProjects())
    {
        Information($"Publishing {project.GetFilenameWithoutExtension()} (Native AOT, {AotFramework}, {Rid})");
        Publish(project, new DotNetPublishSettings
        {
            Framework = AotFramework,
        });
    }

    PublishCli();

    // Anything else here (a .dll, a .json) means a binary came out as a plain apphost instead of
    // Native AOT, e.g. a project that lost PublishAot.
    var strays = GetFiles($"{binDir}/*")
        .Select(file => file.GetFilename().FullPath)
        .Where(name => (name != "peepshow" && !name.StartsWith("peepshow-sink-", StringComparison.Ordinal))
            || new[] { ".dll", ".json", ".so" }.Any(extension => name.EndsWith(extension, StringComparison.Ordinal)))
        .ToList();
    // Below it, only the whisper provider's native runtime (Whisper.net.Runtime's libwhisper and ggml
    // libraries), which peepshow loads from runtimes/<rid>/ beside its binary.
    var whisperRuntime = $"runtimes/{Rid}/";
    var nested = GetFiles($"{binDir}/**/*")
        .Select(file => MakeAbsolute(binDir).GetRelativePath(file).FullPath)
        .Where(path => path.Contains('/'))
        .ToList();
    strays.AddRange(nested.Where(path => !path.StartsWith(whisperRuntime, StringComparison.Ordinal)
        || path.IndexOf('/', whisperRuntime.Length) >= 0
        || !System.IO.Path.GetFileName(path).StartsWith("lib", StringComparison.Ordinal)
        || !System.IO.Path.GetFileName(path).EndsWith("whisper.so", StringComparison.Ordinal)));
    if (strays.Count > 0)
        throw new CakeException($"Unexpected files in {binDir}: {string.Join(", ", strays)}. Is every binary publishing as Native AOT?");

    foreach (var file in GetFiles($"{binDir}/*"))
        Information($"  {file.GetFilename()}");
    foreach (var path in nested)
        Information($"  {path}");
});

Task("Install")
    .IsDependentOn("Publish")
    .Does(() =>
{
    var prefix = InstallPrefix();
    EnsureDirectoryExists(prefix);

    var binaries = GetFiles($"{binDir}/peepshow")
        .Concat(GetFiles($"{binDir}/peepshow-sink-*"))
        // The dummy sink exists for the specs; on a user's PATH it would show up as a real sink.
        .Where(file => file.GetFilename().FullPath != DummySinkName)
        // The whisper provider's native runtime, which peepshow loads from runtimes/<rid>/ beside itself.
        .Concat(GetFiles($"{binDir}/runtimes/**/*"))
        .ToList();

    foreach (var file in binaries)
    {
        var relative = MakeAbsolute(binDir).GetRelativePath(MakeAbsolute(file)).FullPath;
        var destination = prefix.CombineWithFilePath(relative).FullPath;
        EnsureDirectoryExists(System.IO.Path.GetDirectoryName(destination));
        // Copy beside, then rename over: overwriting a binary that is running fails with "text file
        // busy", a rename does not. File.Copy keeps the executable bit on Unix.
        var staging = $"{destination}.installing";
        System.IO.File.Copy(file.FullPath, staging, overwrite: true);
        System.IO.File.Move(staging, destination, overwrite: true);
        Information($"Installed {destination}");
    }

    if (!IsOnPath(prefix))
        Warning($"{prefix} is not on PATH. Add it, e.g.: export PATH=\"{prefix}:$PATH\"");
});

Task("Package")
    .IsDependentOn("Publish")
    .Does(() =>
{
    // What a release publishes (build/package.cake), then the release check in C# (tests/Peepshow.Demo): each is
    // installed the way a user would, and any failure or version mismatch fails this target.
    var clock = System.Diagnostics.Stopwatch.StartNew();
    var version = ProductVersion();
    CleanDirectory(packagesDir);
    var archive = WriteArchive(binDir, packagesDir, version);
    var tools = PackTools(packagesDir);
    // The folder is the release: the archive, install.sh for `curl … | sh`, the tool packages.
    CopyKeepingMode("./install.sh", MakeAbsolute(packagesDir).CombineWithFilePath("install.sh").FullPath);
    WriteSha256Sums(MakeAbsolute(packagesDir), tools.Prepend(archive).Select(file => file.GetFilename().FullPath).Append("install.sh"));

    RunTool("Peepshow.Demo", new ProcessArgumentBuilder()
        .Append("release-check")
        .Append("--packages").AppendQuoted(MakeAbsolute(packagesDir).FullPath)
        .Append("--install-sh").AppendQuoted(MakeAbsolute(File("./install.sh")).FullPath)
        .Append("--version").Append(version)
        .Append("--programs").Append(string.Join(",", ShippedProjects().Select(AssemblyName))));

    foreach (var file in GetFiles($"{packagesDir}/*"))
        Information($"  {file.GetFilename(),-48} {new System.IO.FileInfo(file.FullPath).Length / 1024.0 / 1024.0,6:0.0} MiB");
    Information($"Packaged and checked peepshow {version} in {clock.Elapsed.TotalSeconds:0} s (after publishing).");
});

Task("Demo")
    .Does(() =>
{
    // peepshow on a generated sample clip, then every shipped sink delivering that run to its backend double
    // (tests/Peepshow.Demo tells the story; here it is built and given the programs).
    var cli = File("./core/Peepshow.Cli/Peepshow.Cli.csproj");
    DotNetBuild(cli, new DotNetBuildSettings { Configuration = configuration, Framework = CliFramework, NoLogo = true, MSBuildSettings = StrictMSBuild() });
    foreach (var project in ShippedSinkProjects())
        PublishedSink(project);
    RunTool("Peepshow.Demo", new ProcessArgumentBuilder()
        .Append("--peepshow").AppendQuoted(MakeAbsolute(File($"./core/Peepshow.Cli/bin/{configuration}/{CliFramework}/peepshow.dll")).FullPath)
        .Append("--bin").AppendQuoted(MakeAbsolute(binDir).FullPath)
        .Append("--work").AppendQuoted(MakeAbsolute(Directory("./.demo")).FullPath));
});

Task("Bench")
    .Does(() =>
{
    // peepshow (published, Release) against the ffmpeg one-liner and a plain decode, then the sinks' start-up
    // (tests/Peepshow.Benchmarks measures and prints; here the programs are published and handed over).
    var arguments = new ProcessArgumentBuilder()
        .Append("--peepshow").AppendQuoted(PublishedCli().FullPath)
        .Append("--work").AppendQuoted(MakeAbsolute(Directory("./.bench")).FullPath)
        .Append("--rounds").Append(Argument("rounds", "3"))
        .Append("--lengths").Append(Argument("lengths", "60,300"))
        .Append("--batch-clips").Append(Argument("batch-clips", "20"));
    foreach (var project in ShippedSinkProjects())
    {
        var native = PublishedSink(project);
        DotNetBuild(project.FullPath, new DotNetBuildSettings { Configuration = configuration, Framework = CliFramework, NoLogo = true, MSBuildSettings = StrictMSBuild() });
        var dll = project.GetDirectory().CombineWithFilePath($"bin/{configuration}/{CliFramework}/{AssemblyName(project)}.dll");
        arguments.Append("--sink").AppendQuoted($"{native.FullPath}:{dll.FullPath}");
    }
    RunTool("Peepshow.Benchmarks", arguments);
});

////////////////////////////////////////////////////////////////
// Execution

RunTarget(target);

////////////////////////////////////////////////////////////////
// Helpers

// Warnings as errors at the MSBuild level too, so NuGet, SDK and analyzer warnings cannot slip by.
DotNetMSBuildSettings StrictMSBuild() =>
    new DotNetMSBuildSettings().TreatAllWarningsAs(MSBuildTreatAllWarningsAs.Error);

// Every sink executable: the shipped sinks (not the Sinks.Common library) and the dummy sink, whose
// AOT publish proves that a SinkApp sink links with zero warnings.
IEnumerable<FilePath> SinkProjects() =>
    GetFiles("./sinks/Peepshow.Sinks.*/*.csproj")
        .Where(IsExeProject)
        .OrderBy(project => project.FullPath, StringComparer.Ordinal)
        .Append(MakeAbsolute(File("./tests/Peepshow.Testing.DummySink/Peepshow.Testing.DummySink.csproj")));

// The solution's test projects: the ones the test SDK turns into test hosts.
IEnumerable<FilePath> TestProjects() =>
    XDocument.Load(MakeAbsolute(solution).FullPath).Descendants()
        .Where(element => element.Name.LocalName == "Project")
        .Select(element => MakeAbsolute(File((string)element.Attribute("Path"))))
        .Where(project => XDocument.Load(project.FullPath).Descendants()
            .Any(element => element.Name.LocalName == "PackageReference"
                && (string)element.Attribute("Include") == "Microsoft.NET.Test.Sdk"));

// The real clients the agent specs drive (tests/clients): build.sh starts their `npm ci` beside Cake and the build,
// and writes its exit code to the file PEEPSHOW_SPEC_CLIENTS_STATUS names when it is done (npm's output beside it).
void WaitForSpecClients()
{
    var status = EnvironmentVariable("PEEPSHOW_SPEC_CLIENTS_STATUS");
    if (string.IsNullOrEmpty(status))
        throw new CakeException("PEEPSHOW_SPEC_CLIENTS_STATUS is not set: run the Test target through ./build.sh, which installs the spec clients.");
    var clock = System.Diagnostics.Stopwatch.StartNew();
    while (!System.IO.File.Exists(status))
    {
        if (clock.Elapsed > TimeSpan.FromMinutes(10))
            throw new CakeException($"npm ci in tests/clients has not finished after 10 minutes (see {System.IO.Path.ChangeExtension(status, ".log")}).");
        System.Threading.Thread.Sleep(100);
    }
    var exitCode = System.IO.File.ReadAllText(status).Trim();
    if (exitCode != "0")
    {
        var log = System.IO.Path.ChangeExtension(status, ".log");
        var said = System.IO.File.Exists(log) ? string.Join(Environment.NewLine, System.IO.File.ReadLines(log).TakeLast(20)) : "(no log)";
        throw new CakeException($"npm ci in tests/clients failed with exit code {exitCode}:{Environment.NewLine}{said}");
    }
}

// One spec project, run by xUnit's own runner: under xUnit v3 a spec project is a program, so the Test task starts its
// built assembly directly instead of through `dotnet test` and VSTest, whose extra host costs about 3 CPU seconds per
// project. The output goes to .artifacts/test-results/<name>.log, the results to <name>.trx. Red when the runner fails,
// is killed by the timeout, or any result is not a pass or a skip.
(string Name, TestCounts Counts, bool Red) RunTestProject(FilePath project)
{
    var name = project.GetFilenameWithoutExtension().FullPath;
    var assembly = project.GetDirectory().CombineWithFilePath($"bin/{configuration}/{CliFramework}/{AssemblyName(project)}.dll");
    var trx = MakeAbsolute(testResultsDir + File($"{name}.trx"));
    var run = RunProcess("dotnet",
    [
        // The same plain output everywhere: xUnit would otherwise switch to a CI service's own reporter when it
        // finds that service's variables (GitHub Actions, TeamCity, ...).
        assembly.FullPath, "-noLogo", "-noColor", "-noAutoReporters",
        "-trx", trx.FullPath,
        // A spec still running after two minutes is named in the log, so a killed run says which one hung.
        "-longRunning", "120",
    ], [], new Dictionary<string, string> { ["PEEPSHOW_SPEC_MEDIA"] = MakeAbsolute(specMediaDir).FullPath },
    // Where `dotnet test` would run it: specs may read files copied beside the assembly by a relative path.
    workingDirectory: assembly.GetDirectory().FullPath,
    timeout: testTimeout);
    var exitCode = run.ExitCode;
    System.IO.File.WriteAllText(TestLog(name).FullPath, run.Stdout + run.Stderr);

    var counts = CountTestResults(trx);
    var red = exitCode != 0 || counts.Failed > 0;
    if (red && counts.Failed == 0)
    {
        // An aborted run (hang guard, crashed host) leaves a TRX without the failing test, often
        // without any result at all; it still has to show up as a failure in the closing line.
        System.IO.File.AppendAllText(TestLog(name).FullPath, $"{name}: the test run aborted (exit code {exitCode}); counting it as 1 failed.\n");
        counts = counts with { Failed = 1 };
    }
    return (name, counts, red);
}

FilePath TestLog(string name) => MakeAbsolute(testResultsDir + File($"{name}.log"));

// Reading the csproj is enough: our sink projects state OutputType themselves, and asking MSBuild
// would cost a few seconds per project.
bool IsExeProject(FilePath project) =>
    XDocument.Load(project.FullPath).Descendants()
        .Any(element => element.Name.LocalName == "OutputType" && element.Value.Trim() == "Exe");

void Publish(FilePath project, DotNetPublishSettings settings)
{
    // -warnaserror fails on warnings, except those a project exempts (WarningsNotAsErrors). A
    // warnings-only log per project catches those too: a published binary ships with zero warnings.
    var warningsLog = logsDir + File($"publish-{project.GetFilenameWithoutExtension()}.warnings.log");
    settings.Configuration = configuration;
    settings.Runtime = Rid;
    settings.OutputDirectory = binDir;
    settings.NoLogo = true;
    settings.MSBuildSettings = StrictMSBuild();
    settings.ArgumentCustomization = args => args
        .AppendQuoted($"-flp:WarningsOnly;LogFile={MakeAbsolute(warningsLog).FullPath};Verbosity=minimal");
    DotNetPublish(project.FullPath, settings);

    var warnings = System.IO.File.ReadAllLines(MakeAbsolute(warningsLog).FullPath)
        .Where(line => !string.IsNullOrWhiteSpace(line))
        .ToList();
    if (warnings.Count > 0)
    {
        foreach (var line in warnings)
            Error(line);
        throw new CakeException($"Publishing {project.GetFilename()} produced {warnings.Count} warning(s).");
    }

    // Symbols are for debugging builds, not for the folder users put on PATH (demo and bench publish here too).
    DeleteFiles(GetFiles($"{binDir}/*.dbg"));
    DeleteFiles(GetFiles($"{binDir}/*.pdb"));
}

DirectoryPath InstallPrefix()
{
    var home = EnvironmentVariable("HOME") ?? throw new CakeException("HOME is not set; pass --prefix=DIR.");
    var prefix = Argument("prefix", System.IO.Path.Combine(home, ".local", "bin"));
    // `--prefix=~/bin` reaches us unexpanded: the shell only expands a leading tilde.
    if (prefix == "~" || prefix.StartsWith("~/", StringComparison.Ordinal))
        prefix = home + prefix.Substring(1);
    // build.sh changes into the repo; a relative prefix means relative to where the user was.
    var callerDir = EnvironmentVariable("PEEPSHOW_CALLER_DIR") ?? Context.Environment.WorkingDirectory.FullPath;
    return new DirectoryPath(System.IO.Path.GetFullPath(prefix, callerDir));
}

bool IsOnPath(DirectoryPath dir)
{
    var wanted = dir.FullPath.TrimEnd('/');
    return (EnvironmentVariable("PATH") ?? "")
        .Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Any(entry => entry.TrimEnd('/') == wanted);
}

// Counts the individual results, so every outcome other than a pass or a skip is a failure.
TestCounts CountTestResults(FilePath trx)
{
    int passed = 0, failed = 0, skipped = 0;
    if (!FileExists(trx))
        return new TestCounts(0, 0, 0);
    foreach (var result in XDocument.Load(trx.FullPath).Descendants().Where(e => e.Name.LocalName == "UnitTestResult"))
    {
        switch ((string)result.Attribute("outcome"))
        {
            case "Passed": passed++; break;
            case "NotExecuted": skipped++; break;
            // Failed, Error, Timeout, Aborted...: anything that is not a pass or a skip.
            default: failed++; break;
        }
    }
    return new TestCounts(passed, failed, skipped);
}

record TestCounts(int Passed, int Failed, int Skipped);

////////////////////////////////////////////////////////////////
// Published programs and the C# tools that demo and bench them

// The CLI as users get it (Native AOT, Release) in .artifacts/bin, published fresh so the bench
// always measures the current code.
FilePath PublishedCli()
{
    EnsureDirectoryExists(binDir);
    EnsureDirectoryExists(logsDir);
    PublishCli();
    return MakeAbsolute(binDir + File("peepshow"));
}

// Native AOT like the sinks: a run shares two cores with ffmpeg, and a JIT warming up (even over
// ReadyToRun code) took a tenth of the 60 s bench; no runtime to install either.
void PublishCli()
{
    Information($"Publishing peepshow (Native AOT, {AotFramework}, {Rid})");
    Publish(File("./core/Peepshow.Cli/Peepshow.Cli.csproj"), new DotNetPublishSettings { Framework = AotFramework });
}

// The shipped sinks' projects: every sink executable but the specs' dummy.
IEnumerable<FilePath> ShippedSinkProjects() => SinkProjects().Where(project => AssemblyName(project) != DummySinkName);

// The Native AOT binary in .artifacts/bin, published now unless an earlier `publish` left one newer than every
// source it is built from; a binary from an older commit is never used silently.
FilePath PublishedSink(FilePath project)
{
    var binary = binDir + File(AssemblyName(project));
    var newestSource = SinkSources(project).Max(file => System.IO.File.GetLastWriteTimeUtc(file));
    if (!FileExists(binary) || System.IO.File.GetLastWriteTimeUtc(MakeAbsolute(binary).FullPath) < newestSource)
    {
        Information(FileExists(binary) ? $"{binary.Path.GetFilename()} is older than its sources: publishing it again" : $"{binary.Path.GetFilename()} is not published yet");
        EnsureDirectoryExists(binDir);
        EnsureDirectoryExists(logsDir);
        Publish(project, new DotNetPublishSettings { Framework = AotFramework });
    }
    return MakeAbsolute(binary);
}

// What a sink binary is built from: its project folder, Sinks.Common, the protocol projects and the build settings
// (C# and project files; bin and obj left out). Comparing file times is cheap; a publish, even with nothing to do,
// runs MSBuild once per sink.
IEnumerable<string> SinkSources(FilePath project)
{
    var folders = new[] { project.GetDirectory().FullPath, MakeAbsolute(Directory("./sinks/Peepshow.Sinks.Common")).FullPath, MakeAbsolute(Directory("./protocol")).FullPath };
    var sources = folders.SelectMany(folder => System.IO.Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        .Where(file => file.EndsWith(".cs", StringComparison.Ordinal) || file.EndsWith(".csproj", StringComparison.Ordinal))
        .Where(file => !file.Contains("/bin/", StringComparison.Ordinal) && !file.Contains("/obj/", StringComparison.Ordinal));
    return sources.Concat(new[] { "./Directory.Build.props", "./sinks/Directory.Build.props", "./Directory.Packages.props", "./global.json" }.Select(file => MakeAbsolute(File(file)).FullPath));
}

// A C# tool under tests/ (Peepshow.Demo, Peepshow.Benchmarks), built with warnings as errors, then run.
void RunTool(string name, ProcessArgumentBuilder arguments)
{
    var project = File($"./tests/{name}/{name}.csproj");
    DotNetBuild(project, new DotNetBuildSettings { Configuration = configuration, NoLogo = true, MSBuildSettings = StrictMSBuild() });
    DotNetExecute(MakeAbsolute(File($"./tests/{name}/bin/{configuration}/{CliFramework}/{name}.dll")), arguments);
}

string AssemblyName(FilePath project) =>
    XDocument.Load(project.FullPath).Descendants().FirstOrDefault(e => e.Name.LocalName == "AssemblyName")?.Value.Trim()
        ?? project.GetFilenameWithoutExtension().FullPath;

ProcessRun RunProcess(string file, IEnumerable<string> args, byte[] stdin, IDictionary<string, string> env,
    string workingDirectory = null, TimeSpan? timeout = null)
{
    var start = new System.Diagnostics.ProcessStartInfo(file)
    {
        UseShellExecute = false,
        RedirectStandardInput = true,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        WorkingDirectory = workingDirectory ?? System.IO.Directory.GetCurrentDirectory(),
    };
    foreach (var arg in args)
        start.ArgumentList.Add(arg);
    foreach (var (key, value) in env)
        start.Environment[key] = value;
    using var process = System.Diagnostics.Process.Start(start);
    var stdout = process.StandardOutput.ReadToEndAsync();
    var stderr = process.StandardError.ReadToEndAsync();
    process.StandardInput.BaseStream.Write(stdin);
    process.StandardInput.Close();
    var timedOut = false;
    if (!process.WaitForExit(timeout ?? System.Threading.Timeout.InfiniteTimeSpan))
    {
        timedOut = true;
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }
    // A process left behind (a spec's stray grandchild, say) can hold the pipes open long after the program ended:
    // give the output a little while to end, then go on without it rather than hang the build.
    System.Threading.Tasks.Task.WaitAll(new System.Threading.Tasks.Task[] { stdout, stderr }, TimeSpan.FromSeconds(30));
    var killed = timedOut ? $"({file} was still running after {timeout.Value.TotalMinutes:0.#} min: killed with every process it started)\n" : "";
    return new ProcessRun(timedOut ? -1 : process.ExitCode, Finished(stdout), Finished(stderr) + killed);

    string Finished(System.Threading.Tasks.Task<string> read) =>
        read.IsCompletedSuccessfully ? read.Result : $"({file} ended, but a process it left behind still holds this output open; not waiting for it)\n";
}

record ProcessRun(int ExitCode, string Stdout, string Stderr);
