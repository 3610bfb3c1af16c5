using System.Reflection;
using System.Security.Cryptography;
using Peepshow.Core.Processes;
using Peepshow.Testing;

namespace Peepshow.Cli.Tests;

/// <summary>
/// The repository's install.sh on archives laid out like a release (<c>./build.sh package</c> makes the
/// real one and runs the same script on it): shell-script programs stand in for the binaries.
/// </summary>
public sealed class InstallScriptSpecs : IDisposable
{
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "install.sh");
    private readonly TempDir _dir = new("peepshow-install");

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Home => _dir.Combine("home");

    private string Bin => Path.Combine(Home, ".local", "bin");

    public InstallScriptSpecs() => Directory.CreateDirectory(Home);

    public void Dispose() => _dir.Dispose();

    [Fact(Timeout = 60_000)]
    public async Task An_archive_installs_into_the_users_bin_and_uninstall_leaves_nothing_behind()
    {
        var archive = await ReleaseAsync("first", "0.1.0", ["databricks", "cassandra"]);

        var installed = await InstallAsync("--archive", archive);

        Assert.True(installed.ExitCode == 0, installed.ToString());
        Assert.Contains($"verified {Path.GetFileName(archive)}", installed.StandardOutput);
        Assert.Contains($"installed into {Bin}:", installed.StandardOutput);
        Assert.Contains("peepshow 0.1.0", installed.StandardOutput);
        Assert.Equal(["peepshow", "peepshow-sink-cassandra", "peepshow-sink-databricks", "runtimes"], Names(Bin));
        Assert.Equal("0.1.0\n", (await RunAsync(Path.Combine(Bin, "peepshow"), "--version")).StandardOutput);
        Assert.True(File.Exists(Path.Combine(Bin, "runtimes", "linux-x64", "native", "libfake.so")));
        Assert.False(File.Exists(Path.Combine(Bin, "LICENSE")));

        var uninstalled = await InstallAsync("--uninstall");

        Assert.True(uninstalled.ExitCode == 0, uninstalled.ToString());
        Assert.Empty(Directory.EnumerateFileSystemEntries(Home));
    }

    [Fact(Timeout = 60_000)]
    public async Task Re_running_with_a_newer_archive_upgrades_in_place_and_drops_what_the_new_one_no_longer_ships()
    {
        var first = await ReleaseAsync("first", "0.1.0", ["databricks", "cassandra"]);
        var second = await ReleaseAsync("second", "0.2.0", ["databricks"]);
        Assert.Equal(0, (await InstallAsync("--archive", first)).ExitCode);

        var upgraded = await InstallAsync("--archive", second);

        Assert.True(upgraded.ExitCode == 0, upgraded.ToString());
        Assert.Contains($"removed {Path.Combine(Bin, "peepshow-sink-cassandra")} (not in this release)", upgraded.StandardOutput);
        Assert.Equal(["peepshow", "peepshow-sink-databricks", "runtimes"], Names(Bin));
        Assert.Equal("0.2.0\n", (await RunAsync(Path.Combine(Bin, "peepshow"), "--version")).StandardOutput);
        Assert.Equal(0, (await InstallAsync("--uninstall")).ExitCode);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Home));
    }

    [Fact(Timeout = 60_000)]
    public async Task An_archive_that_does_not_match_its_checksum_installs_nothing()
    {
        var archive = await ReleaseAsync("first", "0.1.0", ["databricks"]);

        var refused = await InstallAsync("--archive", archive, "--sha256", new string('0', 64));

        Assert.Equal(1, refused.ExitCode);
        Assert.StartsWith("install.sh: checksum mismatch for peepshow-0.1.0-linux-x64.tar.gz", refused.StandardError);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Home));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_file_changed_inside_an_unpacked_release_is_refused()
    {
        var folder = ReleaseFolder("first", "0.1.0", ["databricks"]);
        File.AppendAllText(Path.Combine(folder, "peepshow-sink-databricks"), "echo tampered\n");

        var refused = await RunAsync("sh", Path.Combine(folder, "install.sh"));

        Assert.Equal(1, refused.ExitCode);
        Assert.Equal("install.sh: checksum mismatch for peepshow-sink-databricks. Nothing was installed.\n", refused.StandardError);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Home));
    }

    [Fact(Timeout = 60_000)]
    public async Task The_install_script_downloads_this_builds_version_by_default()
    {
        var version = typeof(Peepshow.Cli.CliHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        var help = await InstallAsync("--help");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--uninstall", help.StandardOutput);
        Assert.Contains($"default_version={version}\n", File.ReadAllText(Script));
    }

    /// <summary>peepshow-&lt;version&gt;-linux-x64.tar.gz with a SHA256SUMS beside it, as <c>./build.sh package</c> lays them out.</summary>
    private async Task<string> ReleaseAsync(string name, string version, string[] sinks)
    {
        var folder = ReleaseFolder(name, version, sinks);
        var archive = Path.Combine(Path.GetDirectoryName(folder)!, $"{Path.GetFileName(folder)}.tar.gz");
        var tar = await CliWrap.Cli.Wrap("tar").WithArguments(["-czf", archive, "-C", Path.GetDirectoryName(folder)!, Path.GetFileName(folder)])
            .RunBufferedAsync(cancellationToken: Ct);
        Assert.True(tar.ExitCode == 0, tar.StandardError);
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(folder)!, "SHA256SUMS"), $"{Sha256(archive)}  {Path.GetFileName(archive)}\n");
        return archive;
    }

    private string ReleaseFolder(string name, string version, string[] sinks)
    {
        var folder = _dir.Combine(name, $"peepshow-{version}-linux-x64");
        Directory.CreateDirectory(Path.Combine(folder, "runtimes", "linux-x64", "native"));
        WriteProgram(folder, "peepshow", $"echo {version}");
        foreach (var sink in sinks)
            WriteProgram(folder, $"peepshow-sink-{sink}", "echo sink");
        File.WriteAllText(Path.Combine(folder, "runtimes", "linux-x64", "native", "libfake.so"), "not really a library");
        File.WriteAllText(Path.Combine(folder, "LICENSE"), "MIT");
        File.WriteAllText(Path.Combine(folder, "README"), "peepshow");
        File.Copy(Script, Path.Combine(folder, "install.sh"));
        var sums = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(file => $"{Sha256(file)}  {Path.GetRelativePath(folder, file)}\n")
            .Order(StringComparer.Ordinal);
        File.WriteAllText(Path.Combine(folder, "SHA256SUMS"), string.Concat(sums));
        return folder;
    }

    private static void WriteProgram(string folder, string name, string body)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, $"#!/bin/sh\n{body}\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
    }

    private static string Sha256(string file) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));

    private static string[] Names(string folder) =>
        [.. Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    private Task<BufferedProcessResult> InstallAsync(params string[] args) => RunAsync("sh", [Script, .. args]);

    // A user's shell: their own HOME, only the system folders on PATH.
    private Task<BufferedProcessResult> RunAsync(string program, params string[] args) =>
        CliWrap.Cli.Wrap(program).WithArguments(args)
            .WithEnvironmentVariables(new Dictionary<string, string?> { ["HOME"] = Home, ["PATH"] = "/usr/bin:/bin", ["XDG_DATA_HOME"] = null })
            .RunBufferedAsync(cancellationToken: Ct);
}
