using Peepshow.Core.Outbox;
using Peepshow.Core.Processes;
using Peepshow.Testing;

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

/// <summary>A temp folder with a peepshow home and a sink folder on <c>PEEPSHOW_SINK_PATH</c>, for CLI specs.</summary>
internal sealed class CliSandbox : IDisposable
{
    private readonly TempDir _dir = new();

    public string Home => _dir.Combine("home");

    public string SinkDir => Directory.CreateDirectory(_dir.Combine("sinks")).FullName;

    public string SinksFile => Path.Combine(Home, "sinks.json");

    public SinkOutbox Outbox => new(Path.Combine(Home, "outbox"));

    public string Combine(params string[] parts) => _dir.Combine(parts);

    public Task<BufferedCommandResult> Peepshow(params string[] args) =>
        PeepshowCli.RunAsync(Home, args, new Dictionary<string, string?> { ["PEEPSHOW_SINK_PATH"] = SinkDir });

    public void Dispose() => _dir.Dispose();
}
