using System.Text;
using Peepshow.Core.Output;
using Peepshow.Core.Processes;
using Peepshow.Core.State;

namespace Peepshow.Core.EnvFiles;

/// <summary>
/// The environment a command runs with: the process environment, plus the variables of a trusted <c>.env</c>
/// that the environment does not set (a variable counts as set when it is non-empty). The file is
/// <c>PEEPSHOW_ENV_FILE</c> when that is set (the user named it, so it is trusted), else <c>.env</c> in the working
/// directory, used only while <see cref="EnvTrustStore"/> has it allowed with its current content.
/// </summary>
public sealed class EnvFileLayer
{
    /// <summary>Names a dotenv file to read instead of <c>./.env</c>; trusted because the user set it.</summary>
    public const string FileVariable = "PEEPSHOW_ENV_FILE";

    public const string DefaultFileName = ".env";

    /// <summary>Where a value came from, for <c>peepshow doctor</c>.</summary>
    public const string FromEnvironment = "environment";

    // A dotenv file is a handful of lines; anything this big is not one.
    private const int MaxBytes = 1024 * 1024;

    private readonly Func<string, string?> _process;
    private readonly Dictionary<string, string> _applied;

    private EnvFileLayer(EnvironmentVariables process, string? path, bool named, EnvTrust trust, IReadOnlyList<string> names, Dictionary<string, string> applied)
    {
        _process = process.Get;
        Path = path;
        IsNamedByVariable = named;
        Trust = trust;
        Names = names;
        _applied = applied;
        // The file only adds what the environment leaves unset, so its values simply go on top.
        Environment = process.With(applied.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value)));
    }

    /// <summary>The file considered (absolute), or null when there is none or it is turned off.</summary>
    public string? Path { get; }

    /// <summary>The file came from <see cref="FileVariable"/>.</summary>
    public bool IsNamedByVariable { get; }

    public EnvTrust Trust { get; }

    /// <summary>The file's values are in <see cref="Environment"/>.</summary>
    public bool Used => Path is not null && Trust == EnvTrust.Allowed;

    /// <summary>Every name the file sets, in file order (empty when it was not read).</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The file's values the environment did not already set: what child processes get added to theirs.</summary>
    public IReadOnlyDictionary<string, string> Applied => _applied;

    /// <summary>The environment with the file's values added: lookups see the environment first, then the file.</summary>
    public EnvironmentVariables Environment { get; }

    /// <summary>The one-line hint for a file that was ignored because it is not allowed (none for a denied file).</summary>
    public string? Hint => Path is null ? null : Trust switch
    {
        EnvTrust.Unknown => $"{Path} is not allowed, so peepshow ignored it; review it, then allow it with: peepshow env allow",
        EnvTrust.Changed => $"{Path} changed since it was allowed, so peepshow ignored it; review it, then allow it again with: peepshow env allow",
        _ => null,
    };

    public static EnvFileLayer None(EnvironmentVariables process) => new(process, null, false, EnvTrust.Unknown, [], []);

    /// <summary>Finds, checks and reads the file; throws <see cref="PeepshowException"/> (exit 2) for a named file that is missing or a malformed trusted one.</summary>
    /// <param name="disabled"><c>--no-env-file</c>.</param>
    public static EnvFileLayer Load(EnvironmentVariables process, string workingDirectory, bool disabled = false)
    {
        if (disabled)
            return None(process);
        var named = process.Get(FileVariable);
        var path = IsSet(named)
            ? System.IO.Path.GetFullPath(named!, workingDirectory)
            : System.IO.Path.Combine(workingDirectory, DefaultFileName);
        if (!File.Exists(path))
        {
            if (IsSet(named))
                throw new PeepshowException(ExitCodes.BadArguments, $"{FileVariable} names {path}, which does not exist");
            return None(process);
        }

        var bytes = ReadCapped(path);
        var trust = IsSet(named) ? EnvTrust.Allowed : EnvTrustStore.FromEnvironment(process.Get, workingDirectory).Check(RealPath.Of(path), EnvTrustStore.Hash(bytes));
        if (trust != EnvTrust.Allowed)
            return new EnvFileLayer(process, path, false, trust, [], []);

        var entries = DotEnv.Parse(Encoding.UTF8.GetString(bytes), path);
        var applied = entries.Where(e => !IsSet(process.Get(e.Key))).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        return new EnvFileLayer(process, path, IsSet(named), trust, [.. entries.Select(e => e.Key)], applied);
    }

    /// <summary>The names a file sets, whatever its trust (for <c>peepshow env status</c>); never its values.</summary>
    public static IReadOnlyList<string> NamesIn(byte[] content, string path) =>
        [.. DotEnv.Parse(Encoding.UTF8.GetString(content), path).Select(e => e.Key)];

    /// <summary>The file's bytes; exit 2 when it cannot be read or is too big to be a dotenv file.</summary>
    public static byte[] ReadCapped(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.Length > MaxBytes)
                throw new PeepshowException(ExitCodes.BadArguments, $"{path} is {info.Length / 1024} KB; a dotenv file is at most {MaxBytes / 1024} KB");
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PeepshowException(ExitCodes.BadArguments, $"cannot read {path}: {ex.Message}") { Hint = "run without it: --no-env-file" };
        }
    }

    /// <summary><see cref="FromEnvironment"/>, the file's path, or null when <paramref name="name"/> is set nowhere.</summary>
    public string? SourceOf(string name) =>
        IsSet(_process(name)) ? FromEnvironment : _applied.ContainsKey(name) ? Path : null;

    /// <summary>
    /// Every consumer whose endpoint this file sets while its credential comes from the environment: the file
    /// would send the user's own credentials wherever it pointed. One line each, naming the variables.
    /// </summary>
    public IReadOnlyList<string> BorrowedCredentials() =>
    [
        .. KnownVariables.All
            .Select(set => (set.Owner, Endpoints: set.Endpoints.Where(_applied.ContainsKey).ToList(), Credentials: set.Credentials.Where(c => IsSet(_process(c))).ToList()))
            .Where(c => c.Endpoints.Count > 0 && c.Credentials.Count > 0)
            .Select(c => $"{c.Owner}: {string.Join(", ", c.Endpoints)} from {Path} would receive {string.Join(", ", c.Credentials)} from the environment"),
    ];

    /// <summary>Refuses (exit 2) when <see cref="BorrowedCredentials"/> finds any.</summary>
    public void EnsureNoBorrowedCredentials()
    {
        var borrowed = BorrowedCredentials();
        if (borrowed.Count == 0)
            return;
        throw new PeepshowException(ExitCodes.BadArguments,
            $"refusing to pair an endpoint from a .env file with credentials from the environment ({string.Join("; ", borrowed)})")
        {
            Hint = "put the credentials in that file too, or set the endpoint in the environment, or run with --no-env-file",
        };
    }

    /// <summary>Prints <see cref="Hint"/> (as a hint, so PEEPSHOW_NO_HINTS silences it).</summary>
    public void WriteHint(TextWriter stderr) => Hints.Write(stderr, Hint, Environment.Get);

    private static bool IsSet(string? value) => !string.IsNullOrEmpty(value);
}
