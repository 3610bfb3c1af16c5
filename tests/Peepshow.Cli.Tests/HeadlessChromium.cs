using Peepshow.Core.Processes;

namespace Peepshow.Cli.Tests;

/// <summary>
/// Debian's <c>chromium</c> in headless mode, as the report specs use it: the DOM after the page's own scripts ran
/// (<c>--dump-dom</c>), with a screenshot of the same load or without. Every call gets a fresh profile in
/// <paramref name="profileRoot"/> and no network beyond the file it loads; <c>--force-dark-mode</c> makes
/// <c>prefers-color-scheme</c> dark.
/// </summary>
internal sealed class HeadlessChromium(string profileRoot)
{
    private int _calls;

    public async Task<string> DumpDomAsync(string file, bool dark = false, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(file, dark, ["--dump-dom"], cancellationToken);
        return result.StandardOutput;
    }

    public const int ScreenshotHeight = 2400;

    /// <summary>
    /// The DOM as <see cref="DumpDomAsync"/> gives it and, from the same load, a PNG of the window, 500 ×
    /// <see cref="ScreenshotHeight"/> CSS px (headless windows are never narrower than 500): one Chromium start for both.
    /// </summary>
    public async Task<string> DumpDomAndScreenshotAsync(string file, string png, bool dark = false, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(file, dark, ["--dump-dom", "--screenshot=" + png, $"--window-size=500,{ScreenshotHeight}", "--hide-scrollbars"], cancellationToken);
        return result.StandardOutput;
    }

    private async Task<BufferedProcessResult> RunAsync(string file, bool dark, IEnumerable<string> what, CancellationToken cancellationToken)
    {
        var profile = Path.Combine(profileRoot, $"chromium-profile-{Interlocked.Increment(ref _calls)}");
        List<string> args =
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
            // A page that posts a message from a frame needs a moment after load; virtual time gives it without sleeping.
            "--virtual-time-budget=5000",
            .. dark ? ["--force-dark-mode"] : Array.Empty<string>(),
            .. what,
            new Uri(file).AbsoluteUri,
        ];
        var result = await CliWrap.Cli.Wrap("chromium").WithArguments(args)
            .RunBufferedAsync(TimeSpan.FromMinutes(2), cancellationToken: cancellationToken);
        Assert.True(result.IsSuccess, $"chromium {string.Join(' ', args)} ended with {result.ExitCode} (timed out: {result.TimedOut}):\n{result.StandardError}");
        return result;
    }
}
