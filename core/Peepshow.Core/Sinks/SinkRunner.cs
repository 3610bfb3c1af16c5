using System.Globalization;
using CliWrap;
using Peepshow.Core.Processes;
using Peepshow.Protocol;

namespace Peepshow.Core.Sinks;

/// <summary>
/// Runs one sink through CliWrap: the payload bytes on stdin (then closed), peepshow's environment
/// (<see cref="EnvironmentChanges"/>) plus <c>PEEPSHOW_PROTOCOL=1</c>, stdout's last line kept, stderr kept as a bounded tail,
/// and on timeout the whole process tree killed.
/// </summary>
public sealed class SinkRunner(SinkLocator locator, TimeSpan timeout)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(300);

    // Enough to hold a useful error report; a sink that writes megabytes is cut to its end.
    internal const int StderrTailChars = 8 * 1024;
    private const int StdoutTailChars = 8 * 1024;

    public SinkLocator Locator { get; } = locator;

    public TimeSpan Timeout { get; } = timeout;

    /// <summary>
    /// Changes to each sink's inherited environment (<see cref="EnvironmentVariables.Changes"/>: the values of an
    /// allowed <c>.env</c>, and whatever the host changed); null removes a variable.
    /// </summary>
    public IReadOnlyDictionary<string, string?> EnvironmentChanges { get; init; } = new Dictionary<string, string?>();

    /// <summary>The locator and timeout from <paramref name="env"/>, whose changes every sink gets; <paramref name="warn"/> hears about a bad timeout value.</summary>
    public static SinkRunner FromEnvironment(EnvironmentVariables env, string workingDirectory, Action<string>? warn = null) =>
        new(SinkLocator.FromEnvironment(env.Get, workingDirectory), ReadTimeout(env.Get(EnvNames.SinkTimeoutSeconds), warn))
        {
            EnvironmentChanges = env.Changes,
        };

    public static TimeSpan ReadTimeout(string? value, Action<string>? warn = null)
    {
        if (string.IsNullOrWhiteSpace(value))
            return DefaultTimeout;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= int.MaxValue / 1000)
            return TimeSpan.FromSeconds(seconds);
        warn?.Invoke($"{EnvNames.SinkTimeoutSeconds}='{value}' is not a positive number of seconds; using {DefaultTimeout.TotalSeconds:0}");
        return DefaultTimeout;
    }

    public async Task<SinkProcessResult> RunAsync(SinkSpec spec, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        Command command;
        if (spec.Kind == SinkKind.Name)
        {
            var location = Locator.Locate(spec.Name!);
            if (!location.Found)
            {
                var program = SinkName.ExecutableFor(spec.Name!);
                var error = location.Path is null ? $"{program} not found in PEEPSHOW_SINK_PATH, peepshow's folder or PATH" : location.ToString();
                return new SinkProcessResult { Ok = false, Error = error, Path = location.Path ?? program };
            }
            command = Cli.Wrap(location.Path!).WithArguments(spec.Args).WithWorkingDirectory(Locator.WorkingDirectory);
        }
        else
        {
            command = Cli.Wrap("/bin/sh").WithArguments(["-c", spec.Command!]).WithEnvironmentVariable("PATH", Locator.ShellPath)
                .WithWorkingDirectory(Locator.WorkingDirectory);
        }

        var stdout = new TailBuffer(StdoutTailChars);
        var stderr = new TailBuffer(StderrTailChars);
        var started = DateTimeOffset.UtcNow;
        try
        {
            // The shell's PATH (set above) wins over the changes.
            var own = command.EnvironmentVariables;
            command = command.WithEnvironmentVariables(env => env.Set(EnvironmentChanges).Set(own));
            var result = await command
                .WithEnvironmentVariable(EnvNames.Protocol, "1")
                .WithStandardInputPipe(PipeSource.FromBytes(payload))
                .WithStandardOutputPipe(stdout.ToPipeTarget())
                .WithStandardErrorPipe(stderr.ToPipeTarget())
                .RunAsync(Timeout, cancellationToken);

            var ok = result.IsSuccess;
            return new SinkProcessResult
            {
                Ok = ok,
                ExitCode = result.ExitCode,
                TimedOut = result.TimedOut,
                Record = ok ? LastLine(stdout.ToString()) : null,
                StderrTail = Tail(stderr),
                Duration = result.RunTime,
                Error = result.TimedOut ? $"timed out after {Timeout.TotalSeconds:0.###} s and was killed"
                    : ok ? null
                    : $"exit {result.ExitCode}{Meaning(spec, result.ExitCode!.Value)}",
                Path = command.TargetFilePath,
            };
        }
        catch (CommandStartException ex)
        {
            return new SinkProcessResult { Ok = false, Error = ex.Message, Duration = DateTimeOffset.UtcNow - started, Path = command.TargetFilePath };
        }
    }

    private static string Meaning(SinkSpec spec, int exitCode) => (spec.Kind, exitCode) switch
    {
        (_, SinkExitCodes.InvalidConfig) => " (missing or invalid config)",
        (_, SinkExitCodes.MissingDependency) => " (missing dependency)",
        (_, SinkExitCodes.MalformedInput) => " (malformed input)",
        (_, SinkExitCodes.RemoteFailure) => " (remote or network failure)",
        // The shell's own codes: its command was not found or not executable.
        (SinkKind.Cmd, 127) => " (command not found)",
        (SinkKind.Cmd, 126) => " (command not executable)",
        _ => "",
    };

    private static string? LastLine(string text)
    {
        var lines = text.Split('\n');
        for (var i = lines.Length - 1; i >= 0; i--)
        {
            var line = lines[i].TrimEnd('\r').Trim();
            if (line.Length > 0)
                return line;
        }
        return null;
    }

    private static string? Tail(TailBuffer buffer)
    {
        var text = buffer.ToString().TrimEnd();
        if (text.Length == 0)
            return null;
        if (!buffer.Truncated)
            return text;
        // Drop the partial first line the cut left behind.
        var newline = text.IndexOf('\n');
        return "…" + (newline >= 0 && newline < text.Length - 1 ? text[newline..] : text);
    }
}
