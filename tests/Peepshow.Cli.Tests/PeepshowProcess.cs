using System.Diagnostics;
using System.IO.Pipes;
using CliWrap;
using Peepshow.Cli;
using Peepshow.Core.Inputs;
using Peepshow.Core.Processes;

namespace Peepshow.Testing;

/// <summary>
/// peepshow as a user or an agent runs it: its own PEEPSHOW_HOME every time, hints on, no terminal, the
/// environment below. <see cref="RunAsync(IReadOnlyList{string}, PipeSource?, CancellationToken, TimeSpan?)"/> runs
/// it in this process through <see cref="CliHost"/> with its own streams, environment and working folder (no process
/// start, so a spec costs milliseconds more than the work it asks for). Specs about the process boundary itself (exit
/// codes as a shell sees them, signals, a stdin held open, start-up time) say so with <see cref="AsSeparateProcess"/>,
/// or drive <see cref="Command"/> directly: then the real peepshow.dll runs, or the published binary
/// <see cref="BinaryVariable"/> names (which runs every spec as a process).
/// </summary>
public sealed class PeepshowProcess : IDisposable
{
    private readonly TempDir _home = new("peepshow-home");
    private readonly TempDir _temp = new("peepshow-tmp");
    private readonly Dictionary<string, string?> _environment = new(StringComparer.Ordinal);
    private bool _separateProcess;

    public PeepshowProcess()
    {
        _environment["PEEPSHOW_HOME"] = _home.Path;
        // A run without -o makes its folder in TMPDIR: here it goes with the sandbox, not into the machine's /tmp.
        _environment["TMPDIR"] = _temp.Path;
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

    /// <summary>Runs go through the real executable: for specs about the process boundary (exit codes, signals, real stdin).</summary>
    public PeepshowProcess AsSeparateProcess()
    {
        _separateProcess = true;
        return this;
    }

    /// <summary>True when <see cref="RunAsync(CancellationToken, string[])"/> starts a process.</summary>
    public bool IsSeparateProcess => _separateProcess || Environment.GetEnvironmentVariable(BinaryVariable) is { Length: > 0 };

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
        if (!IsSeparateProcess)
            return await RunInProcessAsync(args, stdin, timeout ?? TimeSpan.FromMinutes(2), cancellationToken);
        var result = await Command(args, stdin)
            .RunBufferedAsync(timeout ?? TimeSpan.FromMinutes(2), cancellationToken: cancellationToken);
        if (result.TimedOut)
            throw new TimeoutException($"peepshow {string.Join(' ', args)} did not finish:\n{result.StandardError}");
        return new CliResult(result.ExitCode!.Value, result.StandardOutput, result.StandardError);
    }

    private async Task<CliResult> RunInProcessAsync(IReadOnlyList<string> args, PipeSource? stdin, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        // peepshow reads stdin as a pipe, however slowly the spec's source writes it.
        using var pipe = new AnonymousPipeServerStream(PipeDirection.Out);
        var reader = new AnonymousPipeClientStream(PipeDirection.In, pipe.ClientSafePipeHandle);
        // On its own thread: a write to a full pipe may block until peepshow reads.
        var writing = Task.Run(() => WriteStdinAsync(stdin ?? PipeSource.Null, pipe, deadline.Token), CancellationToken.None);
        var context = new CliContext(
            TextWriter.Synchronized(stdout),
            TextWriter.Synchronized(stderr),
            new StdinSource(() => reader, IsTerminal: false),
            EnvironmentVariables.Process.With(_environment),
            WorkingDirectory ?? Directory.GetCurrentDirectory());

        var exitCode = await CliHost.RunAsync(context, [.. args], deadline.Token);
        await reader.DisposeAsync();
        await writing;
        cancellationToken.ThrowIfCancellationRequested();
        if (deadline.IsCancellationRequested)
            throw new TimeoutException($"peepshow {string.Join(' ', args)} did not finish:\n{stderr}");
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }

    private static async Task WriteStdinAsync(PipeSource source, Stream pipe, CancellationToken cancellationToken)
    {
        try
        {
            await source.CopyToAsync(pipe, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            // peepshow stopped reading (it needed no stdin, or it had enough): as a closed pipe is for a process.
        }
        finally
        {
            await pipe.DisposeAsync();
        }
    }

    /// <summary>
    /// For specs that drive the process themselves (a signal at the right moment, a stdin held open):
    /// peepshow with <paramref name="args"/>, this sandbox's environment, all three streams redirected.
    /// Prefer <see cref="Command"/>: the specs start processes through CliWrap, as the product does.
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

    /// <summary>The real peepshow as a command, for specs that need the process itself (signals, a stdin held open).</summary>
    public Command Command(IReadOnlyList<string> args, PipeSource? stdin = null)
    {
        var (fileName, arguments) = Invocation(args);
        return CommandFor(fileName, arguments, stdin);
    }

    /// <summary>Any program with this sandbox's environment and working folder (bash for <c>&lt;(…)</c>, say).</summary>
    public Command CommandFor(string program, IReadOnlyList<string> args, PipeSource? stdin = null) =>
        CliWrap.Cli.Wrap(program)
            .WithArguments(args)
            .WithEnvironmentVariables(_environment)
            .WithWorkingDirectory(WorkingDirectory ?? Directory.GetCurrentDirectory())
            .WithStandardInputPipe(stdin ?? PipeSource.Null);

    public void Dispose()
    {
        _home.Dispose();
        _temp.Dispose();
    }
}
