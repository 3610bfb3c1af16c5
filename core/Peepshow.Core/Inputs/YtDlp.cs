using CliWrap;
using Peepshow.Core.Processes;

namespace Peepshow.Core.Inputs;

/// <summary>
/// yt-dlp as a run finds it: the program on PATH (null when it is not installed; it is optional) and the arguments
/// <see cref="ArgsEnv"/> adds to every download (cookies, formats). Page URLs need it; files, stdin and direct
/// links to a video never do.
/// </summary>
public sealed record YtDlp(string? Path, IReadOnlyList<string> ExtraArguments)
{
    public const string ArgsEnv = "PEEPSHOW_YTDLP_ARGS";

    /// <summary>How to install it, for the one-line error and <c>peepshow doctor</c>.</summary>
    public const string InstallHint = "apt install yt-dlp, or pipx install yt-dlp";

    public static YtDlp None { get; } = new(null, []);

    /// <summary>
    /// yt-dlp on PATH and the parsed <see cref="ArgsEnv"/>; a value that is not valid shell words is exit 2. The value
    /// is never echoed: it may hold a password or an Authorization header.
    /// </summary>
    public static YtDlp FromEnvironment(Func<string, string?> env, string workingDirectory)
    {
        IReadOnlyList<string> extra = [];
        if (env(ArgsEnv) is { } text && !string.IsNullOrWhiteSpace(text))
        {
            extra = ShellWord.Split(text, out var error)
                ?? throw new PeepshowException(ExitCodes.BadArguments, $"{ArgsEnv} is not valid shell words: {error}")
                {
                    Hint = $"quote like a shell: {ArgsEnv}='--cookies ~/cookies.txt -f \"bv*[height<=720]+ba/b\"'",
                };
        }
        return new YtDlp(Find(env, workingDirectory), extra);
    }

    /// <summary>The yt-dlp on PATH, or null.</summary>
    public static string? Find(Func<string, string?> env, string workingDirectory) => ExecutableLookup.FindOnPath("yt-dlp", env, workingDirectory);

    /// <summary>The version yt-dlp reports (<c>2023.03.04</c>), or null when it does not run.</summary>
    public static async Task<string?> VersionAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var result = await Cli.Wrap(path).WithArguments(["--ignore-config", "--version"])
                .RunBufferedAsync(TimeSpan.FromSeconds(15), maxCharsPerStream: 4096, cancellationToken);
            var version = result.StandardOutput.Trim();
            return result.IsSuccess && version.Length > 0 ? version : null;
        }
        catch (CommandStartException)
        {
            return null;
        }
    }
}
