using Peepshow.Protocol.Payload;

namespace Peepshow.Core.Inputs;

/// <summary>An input made local: the file ffmpeg reads, what the payload says about it, and how to name it in messages.</summary>
public sealed record ResolvedInput(string LocalPath, InputInfo Info, string DisplayName)
{
    /// <summary>True when peepshow wrote <see cref="LocalPath"/> itself (URL, data URI, stdin).</summary>
    public bool IsCopy => Info.Kind != InputKinds.Path;
}

public static class InputKinds
{
    public const string Path = "path";
    public const string Url = "url";
    public const string DataUri = "data-uri";
    public const string Stdin = "stdin";
}

/// <summary>Limits for inputs peepshow has to fetch or buffer.</summary>
public sealed record InputLimits
{
    public const string MaxBytesEnv = "PEEPSHOW_MAX_INPUT_MB";
    public const string TimeoutEnv = "PEEPSHOW_DOWNLOAD_TIMEOUT_SECONDS";

    /// <summary>Largest download or stdin stream accepted (default 2 GiB).</summary>
    public long MaxBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Connecting, waiting for headers, and any stall between two reads may each take this long.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    public static InputLimits FromEnvironment(Func<string, string?>? env = null)
    {
        env ??= Environment.GetEnvironmentVariable;
        var limits = new InputLimits();
        if (long.TryParse(env(MaxBytesEnv), out var mb) && mb > 0)
            limits = limits with { MaxBytes = mb * 1024 * 1024 };
        if (double.TryParse(env(TimeoutEnv), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var s) && s > 0)
            limits = limits with { Timeout = TimeSpan.FromSeconds(s) };
        return limits;
    }
}
