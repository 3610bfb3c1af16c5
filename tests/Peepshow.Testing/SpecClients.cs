namespace Peepshow.Testing;

/// <summary>
/// The real clients some specs drive, installed by <c>./build.sh test</c> from <c>tests/clients/package.json</c>
/// (pinned in its package-lock.json) into <c>tests/clients/node_modules</c>: the Claude Code CLI and the
/// official MCP TypeScript SDK. A spec that needs them fails with how to install them; it never skips.
/// </summary>
public static class SpecClients
{
    /// <summary>Overrides where the installed clients are (a folder holding <c>node_modules</c>).</summary>
    public const string DirectoryVariable = "PEEPSHOW_SPEC_CLIENTS";

    /// <summary>The folder with <c>package.json</c> and <c>node_modules</c>.</summary>
    public static string Folder => Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } configured
        ? Path.GetFullPath(configured)
        : Path.Combine(RepositoryRoot(), "tests", "clients");

    /// <summary>The Claude Code CLI's native binary.</summary>
    public static string Claude => Require(Path.Combine("node_modules", ".bin", "claude"));

    /// <summary>The node_modules folder, for scripts that import <c>@modelcontextprotocol/sdk</c>.</summary>
    public static string NodeModules => Require("node_modules");

    /// <summary>The repository's root: the first folder above the spec assembly that holds Peepshow.slnx.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Peepshow.slnx")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"no Peepshow.slnx above {AppContext.BaseDirectory}; set {DirectoryVariable}");
    }

    private static string Require(string relative)
    {
        var path = Path.Combine(Folder, relative);
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new InvalidOperationException(
                $"{path} is missing: './build.sh test' installs the spec clients (npm ci in tests/clients); needs node and npm");
        return path;
    }
}
