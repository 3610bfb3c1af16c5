using System.Globalization;
using Peepshow.Core.Output;

namespace Peepshow.Core.Inputs;

/// <summary>Limits for inputs peepshow has to fetch or buffer (downloads, stdin, pipes and devices given as a path).</summary>
public sealed record InputLimits
{
    public const string MaxBytesEnv = "PEEPSHOW_MAX_INPUT_MB";
    public const string TimeoutEnv = "PEEPSHOW_DOWNLOAD_TIMEOUT_SECONDS";

    /// <summary>The largest <see cref="MaxBytesEnv"/> accepted: 1 TiB.</summary>
    public const long MaxMegabytes = 1024 * 1024;

    /// <summary>The longest <see cref="TimeoutEnv"/> accepted: a day.</summary>
    public const double MaxTimeoutSeconds = 86_400;

    /// <summary>Largest download or stdin stream accepted (default 2 GiB).</summary>
    public long MaxBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Connecting, waiting for headers, and any stall between two reads may each take this long.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The limits the environment sets; a value that is set but invalid is exit 2 naming the variable and the range.</summary>
    public static InputLimits FromEnvironment(Func<string, string?>? env = null)
    {
        env ??= Environment.GetEnvironmentVariable;
        var limits = new InputLimits();
        if (env(MaxBytesEnv) is { } mbText && !string.IsNullOrWhiteSpace(mbText))
        {
            if (!long.TryParse(mbText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var mb) || mb < 1 || mb > MaxMegabytes)
                throw Invalid(MaxBytesEnv, mbText, $"a whole number of megabytes between 1 and {MaxMegabytes}");
            limits = limits with { MaxBytes = mb * 1024 * 1024 };
        }
        if (env(TimeoutEnv) is { } secondsText && !string.IsNullOrWhiteSpace(secondsText))
        {
            if (!double.TryParse(secondsText.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                || !double.IsFinite(seconds) || seconds <= 0 || seconds > MaxTimeoutSeconds)
                throw Invalid(TimeoutEnv, secondsText, $"a number of seconds more than 0 and at most {MaxTimeoutSeconds:0}");
            limits = limits with { Timeout = TimeSpan.FromSeconds(seconds) };
        }
        return limits;
    }

    private static PeepshowException Invalid(string name, string value, string range) =>
        new(ExitCodes.BadArguments, $"{name} must be {range} (got '{VisibleText.Escape(value)}')")
        {
            Hint = $"unset {name} for the default",
        };
}
