using Peepshow.Core.Processes;
using Peepshow.Protocol;

namespace Peepshow.Core.State;

/// <summary>
/// Where peepshow keeps state: <c>~/.peepshow</c>, or <c>PEEPSHOW_HOME</c> (which specs always set). A relative
/// <c>PEEPSHOW_HOME</c> starts at <paramref name="workingDirectory"/>, the folder peepshow was started in, which for
/// the CLI run in process is its context's folder rather than the process's.
/// </summary>
public static class PeepshowHome
{
    public static string Path(Func<string, string?> env, string workingDirectory)
    {
        var custom = env(EnvNames.Home);
        if (!string.IsNullOrWhiteSpace(custom))
            return System.IO.Path.GetFullPath(custom, workingDirectory);
        return System.IO.Path.Combine(EnvironmentVariables.HomeFolder(env), ".peepshow");
    }
}
