using System.Text.Json;
using Peepshow.Testing.Doubles.Databricks;
using Peepshow.Testing.Media;

namespace Peepshow.Demo;

/// <summary>
/// <c>./build.sh package</c>'s release check: the archive and the dotnet tool packages, each installed the way a
/// user would into a clean HOME, then used. Any failure or version mismatch is a <see cref="DemoException"/>.
/// Every program runs through <see cref="DemoProcess"/> with exactly the variables given here, nothing inherited.
/// </summary>
/// <param name="packages">The release folder: the archive, the <c>.nupkg</c> tool packages, install.sh, SHA256SUMS.</param>
/// <param name="installScript">install.sh of the repository, as users fetch it for <c>curl … | sh</c>.</param>
/// <param name="programs">peepshow and every shipped sink, by program name.</param>
public sealed class ReleaseCheck(string packages, string installScript, string version, IReadOnlyList<string> programs)
{
    private const string Rid = "linux-x64";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var sandbox = Directory.CreateTempSubdirectory("peepshow-release-check-").FullName;
        try
        {
            var clip = await TestMedia.CopyAsync(await TestMedia.HardCutsAsync(cancellationToken), Path.Combine(sandbox, "cuts.mp4"), cancellationToken);
            await CheckArchiveInstallAsync(clip, Path.Combine(sandbox, "archive"), cancellationToken);
            await CheckToolInstallAsync(clip, Path.Combine(sandbox, "tool"), cancellationToken);
        }
        finally
        {
            Directory.Delete(sandbox, recursive: true);
        }
    }

    /// <summary>
    /// A user's machine: a fresh HOME and nothing on PATH but the system folders (no .NET SDK for the archive, ffmpeg
    /// from the OS). Transcription is off: a check never downloads a model.
    /// </summary>
    private static Dictionary<string, string> CleanUserEnvironment(string sandbox)
    {
        var home = Directory.CreateDirectory(Path.Combine(sandbox, "home")).FullName;
        return new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["PATH"] = "/usr/bin:/bin",
            ["PEEPSHOW_HOME"] = Path.Combine(sandbox, "peepshow-state"),
            ["PEEPSHOW_TRANSCRIBE"] = "off",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        };
    }

    /// <summary>
    /// install.sh on the archive (SHA256SUMS beside it), every program's <c>--version</c>, a clip through the installed
    /// peepshow into the Databricks double, then a re-run from the unpacked folder (the upgrade path) and
    /// <c>--uninstall</c>, after which HOME must be empty again.
    /// </summary>
    private async Task CheckArchiveInstallAsync(string clip, string sandbox, CancellationToken cancellationToken)
    {
        var archive = Path.Combine(packages, $"peepshow-{version}-{Rid}.tar.gz");
        Console.WriteLine($"Release check: install.sh --archive {Path.GetFileName(archive)} into a clean HOME (PATH=/usr/bin:/bin)");
        var env = CleanUserEnvironment(sandbox);
        var bin = Path.Combine(env["HOME"], ".local", "bin");

        Relay((await RunAsync("sh", [installScript, "--archive", archive], env, cancellationToken)).StandardOutput);
        await CheckVersionsAsync(bin, env, cancellationToken);
        await RunAsync(Path.Combine(bin, "peepshow-sink-databricks"), ["--help"], env, cancellationToken);
        await CheckClipThroughDatabricksAsync(Path.Combine(bin, "peepshow"), clip, env, sandbox, cancellationToken);

        var unpacked = Directory.CreateDirectory(Path.Combine(sandbox, "unpacked")).FullName;
        await RunAsync("tar", ["-xzf", archive, "-C", unpacked], env, cancellationToken);
        var upgrade = await RunAsync("sh", [Path.Combine(unpacked, $"peepshow-{version}-{Rid}", "install.sh")], env, cancellationToken);
        Console.WriteLine($"  re-run from the unpacked archive: {upgrade.StandardOutput.Split('\n').First(line => line.StartsWith("peepshow ", StringComparison.Ordinal))}");
        await CheckVersionsAsync(bin, env, cancellationToken);

        await RunAsync("sh", [installScript, "--uninstall"], env, cancellationToken);
        var left = Directory.EnumerateFileSystemEntries(env["HOME"], "*", SearchOption.AllDirectories).ToList();
        if (left.Count > 0)
            throw new DemoException($"install.sh --uninstall left {string.Join(", ", left)}");
        Console.WriteLine("  --uninstall left HOME empty");
    }

    /// <summary>
    /// <c>dotnet tool install --tool-path</c> from the release folder only, then the installed tools: their versions, and
    /// a clip through <c>--sink databricks</c>, which peepshow must find beside its own command although the tool folder
    /// is not on PATH.
    /// </summary>
    private async Task CheckToolInstallAsync(string clip, string sandbox, CancellationToken cancellationToken)
    {
        Console.WriteLine($"Release check: dotnet tool install --tool-path from {packages} into a clean HOME");
        var env = CleanUserEnvironment(sandbox);
        var tools = Path.Combine(sandbox, "tools");
        // Only the local folder as a package source: the check must not depend on (or reach) a registry.
        var config = Path.Combine(sandbox, "nuget.config");
        await File.WriteAllTextAsync(config, "<configuration><packageSources><clear /></packageSources></configuration>\n", cancellationToken);

        foreach (var id in programs)
            await RunAsync("dotnet", ["tool", "install", "--tool-path", tools, "--configfile", config, "--add-source", packages, "--version", version, id], env, cancellationToken);
        await CheckVersionsAsync(tools, env, cancellationToken);
        await CheckClipThroughDatabricksAsync(Path.Combine(tools, "peepshow"), clip, env, sandbox, cancellationToken);
    }

    /// <summary><c>--version</c> of peepshow and every sink in <paramref name="folder"/> is the product version.</summary>
    private async Task CheckVersionsAsync(string folder, Dictionary<string, string> env, CancellationToken cancellationToken)
    {
        foreach (var program in programs)
        {
            var printed = (await RunAsync(Path.Combine(folder, program), ["--version"], env, cancellationToken)).StandardOutput.Trim();
            var shown = printed.StartsWith("peepshow-sink-", StringComparison.Ordinal) ? printed.Split(' ')[1] : printed;
            if (shown != version)
                throw new DemoException($"{program} --version printed '{printed}', expected version {version}");
        }
        Console.WriteLine($"  every program in {folder} prints version {version}");
    }

    private static async Task CheckClipThroughDatabricksAsync(string peepshow, string clip, Dictionary<string, string> userEnv, string sandbox, CancellationToken cancellationToken)
    {
        await using var databricks = await DatabricksDouble.StartAsync(cancellationToken: cancellationToken);
        var rows = 0;
        databricks.Workspace.RowInserted += (_, _) => Interlocked.Increment(ref rows);
        var env = new Dictionary<string, string>(userEnv)
        {
            ["DATABRICKS_URL"] = databricks.BaseUrl,
            ["DATABRICKS_TOKEN"] = DatabricksDouble.DemoToken,
            ["DATABRICKS_WAREHOUSE_ID"] = DatabricksDouble.DemoWarehouseId,
        };
        var output = Path.Combine(sandbox, "runs", Guid.NewGuid().ToString("N"));

        var run = await RunAsync(peepshow, [clip, "--emit", "json", "--output", output, "--sink", "databricks"], env, cancellationToken);

        using var payload = JsonDocument.Parse(run.StandardOutput);
        var frames = payload.RootElement.GetProperty("frames").GetArrayLength();
        if (frames == 0)
            throw new DemoException($"{peepshow} chose no frames from {Path.GetFileName(clip)}");
        // The sink has exited by the time peepshow has: its row is stored, or it never will be.
        if (rows != 1)
            throw new DemoException($"{peepshow} --sink databricks stored {rows} rows, expected 1: {run.StandardError.Trim()}");
        Console.WriteLine($"  {peepshow} {Path.GetFileName(clip)} --emit json --sink databricks: {frames} frames, one row stored");
    }

    // Exactly env: clearPrefix "" removes every inherited variable first.
    private static Task<Peepshow.Core.Processes.BufferedProcessResult> RunAsync(
        string program, IReadOnlyList<string> args, Dictionary<string, string> env, CancellationToken cancellationToken) =>
        DemoProcess.RunAsync(program, args, env, stdin: null, cancellationToken, clearPrefix: "");

    private static void Relay(string output)
    {
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            Console.WriteLine("  " + line.TrimEnd('\r'));
    }
}
