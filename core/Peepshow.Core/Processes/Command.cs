using System.Diagnostics;

namespace Peepshow.Core.Processes;

/// <summary>
/// An immutable description of one process run, shaped like CliWrap's <c>Command</c> (which our package
/// source lacks): build it with <c>With…</c> methods, then <see cref="ExecuteAsync"/>. The one way this
/// codebase starts ffmpeg, ffprobe, whisper-cli and sinks.
/// </summary>
public sealed record Command(string TargetFilePath)
{
    public IReadOnlyList<string> Arguments { get; init; } = [];

    public string? WorkingDirectory { get; init; }

    /// <summary>Added to (or, with a null value, removed from) the inherited environment.</summary>
    public IReadOnlyDictionary<string, string?> EnvironmentVariables { get; init; } = new Dictionary<string, string?>();

    public PipeSource StandardInput { get; init; } = PipeSource.Null;

    public PipeTarget StandardOutput { get; init; } = PipeTarget.Null;

    public PipeTarget StandardError { get; init; } = PipeTarget.Null;

    /// <summary>After this long the whole process tree is killed and the result says <see cref="CommandResult.TimedOut"/>.</summary>
    public TimeSpan? Timeout { get; init; }

    public Command WithArguments(params IEnumerable<string> arguments) => this with { Arguments = [.. arguments] };

    public Command WithWorkingDirectory(string? path) => this with { WorkingDirectory = path };

    public Command WithEnvironmentVariables(IReadOnlyDictionary<string, string?> variables)
    {
        var merged = new Dictionary<string, string?>(EnvironmentVariables, StringComparer.Ordinal);
        foreach (var (key, value) in variables)
            merged[key] = value;
        return this with { EnvironmentVariables = merged };
    }

    public Command WithEnvironmentVariable(string name, string? value) =>
        WithEnvironmentVariables(new Dictionary<string, string?> { [name] = value });

    public Command WithStandardInputPipe(PipeSource source) => this with { StandardInput = source };

    public Command WithStandardOutputPipe(PipeTarget target) => this with { StandardOutput = target };

    public Command WithStandardErrorPipe(PipeTarget target) => this with { StandardError = target };

    public Command WithTimeout(TimeSpan? timeout) => this with { Timeout = timeout };

    /// <summary>
    /// Runs the process to completion. Cancellation and the timeout kill the entire process tree.
    /// Throws <see cref="CommandStartException"/> when the program cannot be started and
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> fires.
    /// </summary>
    public Task<CommandResult> ExecuteAsync(CancellationToken cancellationToken = default) =>
        CommandRunner.RunAsync(this, cancellationToken);

    /// <summary>Runs and keeps stdout and stderr as text (each capped, keeping the tail).</summary>
    public async Task<BufferedCommandResult> ExecuteBufferedAsync(CancellationToken cancellationToken = default, int maxCharsPerStream = 4 * 1024 * 1024)
    {
        var stdout = new TailBuffer(maxCharsPerStream);
        var stderr = new TailBuffer(maxCharsPerStream);
        var result = await (this with
        {
            StandardOutput = PipeTarget.Merge(StandardOutput, PipeTarget.ToTail(stdout)),
            StandardError = PipeTarget.Merge(StandardError, PipeTarget.ToTail(stderr)),
        }).ExecuteAsync(cancellationToken);
        return new BufferedCommandResult(result.ExitCode, result.StartTime, result.ExitTime, result.TimedOut, stdout.ToString(), stderr.ToString());
    }

    /// <summary>How the command reads in logs and errors. Arguments only; never environment values.</summary>
    public override string ToString() =>
        string.Join(' ', new[] { TargetFilePath }.Concat(Arguments).Select(Quote));

    /// <summary>One argument as a POSIX shell reads it back: bare when safe, else single-quoted.</summary>
    internal static string Quote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsLetterOrDigit(c) || "-_./:=,+@%".Contains(c)) ? arg : $"'{arg.Replace("'", "'\\''", StringComparison.Ordinal)}'";

    internal ProcessStartInfo ToStartInfo()
    {
        var info = new ProcessStartInfo(TargetFilePath)
        {
            UseShellExecute = false,
            CreateNoWindow = true,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = WorkingDirectory ?? "",
        };
        foreach (var arg in Arguments)
            info.ArgumentList.Add(arg);
        foreach (var (key, value) in EnvironmentVariables)
        {
            if (value is null)
                info.Environment.Remove(key);
            else
                info.Environment[key] = value;
        }
        return info;
    }
}

public record CommandResult(int ExitCode, DateTimeOffset StartTime, DateTimeOffset ExitTime, bool TimedOut)
{
    public bool IsSuccess => ExitCode == 0 && !TimedOut;

    public TimeSpan RunTime => ExitTime - StartTime;
}

public sealed record BufferedCommandResult(int ExitCode, DateTimeOffset StartTime, DateTimeOffset ExitTime, bool TimedOut, string StandardOutput, string StandardError)
    : CommandResult(ExitCode, StartTime, ExitTime, TimedOut);

/// <summary>The program does not exist or is not executable.</summary>
public sealed class CommandStartException(string targetFilePath, Exception inner)
    : Exception($"cannot start '{targetFilePath}': {inner.Message}", inner)
{
    public string TargetFilePath { get; } = targetFilePath;
}
