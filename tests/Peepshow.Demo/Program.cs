namespace Peepshow.Demo;

/// <summary>
/// <c>Peepshow.Demo --peepshow &lt;peepshow.dll&gt; --bin &lt;folder of the published sinks&gt; --work &lt;folder&gt;</c>:
/// generates the sample clip into the work folder (once), runs peepshow on it as a user would, then delivers that
/// very run with each shipped sink to its double and shows what the double stored.
/// <c>Peepshow.Demo release-check --packages &lt;folder&gt; --install-sh &lt;install.sh&gt; --version &lt;v&gt; --programs &lt;a,b,…&gt;</c>:
/// installs what <c>./build.sh package</c> made the way a user would and uses it (<see cref="ReleaseCheck"/>).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.FirstOrDefault() == "release-check")
            return await ReleaseCheckAsync(args);
        var peepshow = Arg(args, "--peepshow");
        var bin = Arg(args, "--bin");
        if (peepshow is null || bin is null)
        {
            await Console.Error.WriteLineAsync("usage: Peepshow.Demo --peepshow <peepshow.dll> --bin <folder with peepshow-sink-*> [--work .demo]");
            return 2;
        }
        var work = Path.GetFullPath(Arg(args, "--work") ?? ".demo");
        try
        {
            var payload = await DemoExtraction.RunAsync(Path.GetFullPath(peepshow), work, CancellationToken.None);
            foreach (var sink in SinkDemos.All)
            {
                Console.WriteLine();
                await sink.RunAsync(Path.Combine(Path.GetFullPath(bin), $"peepshow-sink-{sink.Name}"), payload, CancellationToken.None);
            }
            return 0;
        }
        catch (DemoException ex)
        {
            await Console.Error.WriteLineAsync($"demo: {ex.Message}");
            return 1;
        }
    }

    private static async Task<int> ReleaseCheckAsync(string[] args)
    {
        var packages = Arg(args, "--packages");
        var installScript = Arg(args, "--install-sh");
        var version = Arg(args, "--version");
        var programs = Arg(args, "--programs");
        if (packages is null || installScript is null || version is null || programs is null)
        {
            await Console.Error.WriteLineAsync("usage: Peepshow.Demo release-check --packages <folder> --install-sh <install.sh> --version <version> --programs <peepshow,peepshow-sink-…>");
            return 2;
        }
        try
        {
            await new ReleaseCheck(Path.GetFullPath(packages), Path.GetFullPath(installScript), version, programs.Split(',', StringSplitOptions.RemoveEmptyEntries))
                .RunAsync(CancellationToken.None);
            return 0;
        }
        catch (DemoException ex)
        {
            await Console.Error.WriteLineAsync($"release check: {ex.Message}");
            return 1;
        }
    }

    private static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
