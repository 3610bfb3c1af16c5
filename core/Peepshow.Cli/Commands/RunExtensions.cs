using System.CommandLine;
using Peepshow.Core.Runs;

namespace Peepshow.Cli.Commands;

/// <summary>
/// How a command that runs extractions (<c>peepshow &lt;input&gt;</c>, <c>peepshow batch</c>) takes the extensions
/// Program.cs lists: their options on the command, and their services composed into every run the same way.
/// </summary>
internal static class RunExtensions
{
    public static void AddOptionsTo(this IReadOnlyList<IRunExtension> extensions, Command command)
    {
        foreach (var extension in extensions)
            foreach (var option in extension.Options)
                command.Options.Add(option);
    }

    /// <summary>The run's services: the trace and the history (recorded as <paramref name="origin"/>), then each extension's part, in order.</summary>
    public static RunServices Compose(this IReadOnlyList<IRunExtension> extensions, ParseResult parse, RunServices services, string origin) =>
        extensions.Aggregate(
            services.WithTraceFromEnvironment(parse.InvocationConfiguration.Error).WithHistory(origin),
            (composed, extension) => extension.Configure(parse, composed));
}
