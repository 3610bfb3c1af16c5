using Peepshow.Core;
using Peepshow.Core.Processes;

namespace Peepshow.Cli.Terminal;

/// <summary>Opens a file in the default browser: <c>xdg-open</c> on Linux, <c>open</c> on macOS, the shell on Windows.</summary>
public static class Browser
{
    public static async Task OpenAsync(string path, EnvironmentVariables environment, string workingDirectory, CancellationToken cancellationToken)
    {
        var opener = OperatingSystem.IsMacOS() ? "open" : OperatingSystem.IsWindows() ? "explorer" : "xdg-open";
        var executable = ExecutableLookup.FindOnPath(opener, environment.Get, workingDirectory) ?? throw new PeepshowException(ExitCodes.Unexpected,
            $"cannot open {path}: {opener} is not on PATH")
        {
            Hint = "open the file in a browser yourself",
        };
        // xdg-open hands the file to the browser and returns; the timeout only guards against an opener that never does.
        var result = await CliWrap.Cli.Wrap(executable).WithArguments([path]).WithWorkingDirectory(workingDirectory).WithEnvironmentVariables(environment.Changes).RunAsync(TimeSpan.FromSeconds(30), cancellationToken);
        if (!result.IsSuccess && !OperatingSystem.IsWindows())
            throw new PeepshowException(ExitCodes.Unexpected, result.TimedOut
                ? $"{opener} did not return within 30 s while opening {path}"
                : $"{opener} could not open {path} (exit {result.ExitCode})")
            {
                Hint = "open the file in a browser yourself",
            };
    }
}
