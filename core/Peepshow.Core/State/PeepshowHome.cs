using Peepshow.Protocol;

namespace Peepshow.Core.State;

/// <summary>Where peepshow keeps state: <c>~/.peepshow</c>, or <c>PEEPSHOW_HOME</c> (which specs always set).</summary>
public static class PeepshowHome
{
    public static string Path(Func<string, string?> env)
    {
        var custom = env(EnvNames.Home);
        if (!string.IsNullOrWhiteSpace(custom))
            return System.IO.Path.GetFullPath(custom);
        var home = env("HOME");
        if (string.IsNullOrWhiteSpace(home))
            home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return System.IO.Path.Combine(home, ".peepshow");
    }
}
