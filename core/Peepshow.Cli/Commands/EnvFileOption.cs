using System.CommandLine;
using Peepshow.Core.EnvFiles;

namespace Peepshow.Cli.Commands;

/// <summary><c>--no-env-file</c>, and reading the <c>.env</c> layer the same way for every command that runs sinks or transcribers.</summary>
internal static class EnvFileOption
{
    public static Option<bool> Create() => new("--no-env-file")
    {
        Description = "Do not read .env from the current folder (or the file PEEPSHOW_ENV_FILE names)",
    };

    /// <summary>
    /// Loads the layer over <paramref name="process"/>, prints the one-line hint for a file that is not allowed,
    /// and refuses (exit 2) a file whose endpoint would receive the environment's credentials.
    /// </summary>
    public static EnvFileLayer Load(ParseResult parse, Option<bool> option, Func<string, string?> process)
    {
        var layer = EnvFileLayer.Load(process, Directory.GetCurrentDirectory(), parse.GetValue(option));
        layer.WriteHint(parse.InvocationConfiguration.Error);
        layer.EnsureNoBorrowedCredentials();
        return layer;
    }
}
