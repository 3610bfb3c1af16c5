using System.Diagnostics;
using CliWrap;
using Peepshow.Core.Processes;

namespace Peepshow.Testing;

/// <summary>What a run of the real CLI did.</summary>
public sealed record CliResult(int ExitCode, string StandardOutput, string StandardError)
{
    public IReadOnlyList<string> StdoutLines => StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public IReadOnlyList<string> StderrLines => StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{StandardOutput}\n--- stderr\n{StandardError}";
}

/// <summary>
/// Runs the real <c>peepshow</c> (the peepshow.dll next to the spec assembly) as a separate process, as a
/// user or an agent would: its own PEEPSHOW_HOME every time, hints on, no terminal.
/// </summary>
public sealed class PeepshowProcess : IDisposable
{
    private readonly TempDir _home = new("peepshow-home");
    private readonly Dictionary<string, string?> _environment = new(StringComparer.Ordinal);

    public PeepshowProcess()
    {
        _environment["PEEPSHOW_HOME"] = _home.Path;
        _environment["PEEPSHOW_NO_HINTS"] = null;
        _environment["PEEPSHOW_TRACE_SELECTION"] = null;
        _environment["DOTNET_NOLOGO"] = "1";
        // Transcription never depends on this machine: a whisper-cli on its PATH or keys in its environment
        // would change what specs see, and a model download would reach the internet. Audio specs opt in.
        _environment["PEEPSHOW_TRANSCRIBE"] = "off";
        _environment["PEEPSHOW_TRANSCRIBE_CMD"] = null;
        _environment["PEEPSHOW_WHISPER_CPP"] = null;
        _environment["PEEPSHOW_WHISPER_MODEL_DIR"] = null;
        _environment["PEEPSHOW_WHISPER_MODEL_URL"] = $"http://127.0.0.1:{Http.LoopbackServer.UnusedPort()}";
        _environment["PEEPSHOW_AUDIO_ENCODER"] = null;
        _environment["OPENAI_API_KEY"] = null;
        _environment["GROQ_API_KEY"] = null;
        // A .env only when a spec writes one: never a file named by the machine running the specs.
        _environment["PEEPSHOW_ENV_FILE"] = null;
    }

    public string Home => _home.Path;

    public static string DllPath { get; } = Path.Combine(AppContext.BaseDirectory, "peepshow.dll");

    /// <summary>Names a published peepshow (the Native AOT binary users get) to run the same specs against.</summary>
    public const string BinaryVariable = "PEEPSHOW_SPECS_BINARY";

    /// <summary>The program and arguments that run peepshow with <paramref name="args"/>: peepshow.dll through dotnet, or <see cref="BinaryVariable"/>.</summary>
    public static (string FileName, IReadOnlyList<string> Arguments) Invocation(IReadOnlyList<string> args) =>
        Environment.GetEnvironmentVariable(BinaryVariable) is { Length: > 0 } binary
            ? (Path.GetFullPath(binary), args)
            : ("dotnet", [DllPath, .. args]);

    public PeepshowProcess WithEnvironment(string name, string? value)
    {
        _environment[name] = value;
        return this;
    }

    /// <summary>The folder peepshow runs in (where it looks for <c>.env</c>); the spec runner's by default.</summary>
    public string? WorkingDirectory { get; private set; }

    public PeepshowProcess WithWorkingDirectory(string path)
    {
        WorkingDirectory = path;
        return this;
    }

    public Task<CliResult> RunAsync(CancellationToken cancellationToken, params string[] args) => RunAsync(args, stdin: null, cancellationToken);

    public async Task<CliResult> RunAsync(IReadOnlyList<string> args, PipeSource? stdin, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var result = await Command(args, stdin)
            .RunBufferedAsync(timeout ?? TimeSpan.FromMinutes(2), cancellationToken: cancellationToken);
        if (result.TimedOut)
            throw new TimeoutException($"peepshow {string.Join(' ', args)} did not finish:\n{result.StandardError}");
        return new CliResult(result.ExitCode!.Value, result.StandardOutput, result.StandardError);
    }

    /// <summary>
    /// For specs that drive the process themselves (a signal at the right moment, a stdin held open):
    /// peepshow with <paramref name="args"/>, this sandbox's environment, all three streams redirected.
    /// </summary>
    public ProcessStartInfo StartInfo(IReadOnlyList<string> args)
    {
        var (fileName, arguments) = Invocation(args);
        var start = new ProcessStartInfo(fileName) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = WorkingDirectory ?? "" };
        foreach (var arg in arguments)
            start.ArgumentList.Add(arg);
        foreach (var (name, value) in _environment)
        {
            if (value is null)
                start.Environment.Remove(name);
            else
                start.Environment[name] = value;
        }
        return start;
    }

    /// <summary>The command, for specs that need the process itself (signals).</summary>
    public Command Command(IReadOnlyList<string> args, PipeSource? stdin = null)
    {
        var (fileName, arguments) = Invocation(args);
        return Cli.Wrap(fileName)
            .WithArguments(arguments)
            .WithEnvironmentVariables(_environment)
            .WithWorkingDirectory(WorkingDirectory ?? Directory.GetCurrentDirectory())
            .WithStandardInputPipe(stdin ?? PipeSource.Null);
    }

    public void Dispose() => _home.Dispose();
}
