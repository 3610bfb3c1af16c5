using Peepshow.Core.Processes;

namespace Peepshow.Cli.Tests;

/// <summary>
/// The real <c>peepshow</c> executable (the apphost the project reference copies next to the specs) as a
/// process, with <c>PEEPSHOW_HOME</c> always pointed at the spec's own folder.
/// </summary>
internal static class PeepshowCli
{
    public static string Executable => Path.Combine(AppContext.BaseDirectory, "peepshow");

    public static Task<BufferedCommandResult> RunAsync(string home, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? env = null) =>
        new Command(Executable)
            .WithArguments(args)
            .WithEnvironmentVariable("PEEPSHOW_HOME", home)
            .WithEnvironmentVariable("PEEPSHOW_AUTO_SINKS_FILE", null)
            .WithEnvironmentVariables(env ?? new Dictionary<string, string?>())
            .WithTimeout(TimeSpan.FromSeconds(60))
            .ExecuteBufferedAsync(TestContext.Current.CancellationToken);
}
