using Peepshow.Core.Inputs;
using Peepshow.Core.Runs;
using Peepshow.Testing;

namespace Peepshow.Core.Tests.Runs;

/// <summary>Runs an extraction in-process into a spec's temp folder.</summary>
internal static class Runs
{
    public static Task<RunResult> ExtractAsync(string input, TempDir dir, Func<RunRequest, RunRequest>? configure = null, RunServices? services = null)
    {
        var request = new RunRequest { Input = input, OutputDir = dir.Combine("run") };
        return new ExtractionRun(services ?? new RunServices { Stdin = StdinSource.None })
            .RunAsync(configure?.Invoke(request) ?? request, TestContext.Current.CancellationToken);
    }
}
