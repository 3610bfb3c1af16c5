using System.Reflection;
using System.Runtime.InteropServices;
using Peepshow.Protocol.Payload;

namespace Peepshow.Protocol.Hosting;

/// <summary>
/// What a .NET sink's <c>Main</c> calls. It owns everything sinks have in common: <c>--help</c>,
/// <c>--version</c>, <c>--dry-run</c>, config before stdin, the 64 MiB stdin cap, payload parsing,
/// one-line errors with the protocol's exit codes, secret redaction, and Ctrl+C.
/// </summary>
public static class SinkApp
{
    public const int MaxStdinBytes = 64 * 1024 * 1024;

    public static string Version { get; } =
        typeof(SinkApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>Entry point for the shipped executable: real console, real env, Ctrl+C and SIGTERM cancel.</summary>
    public static async Task<int> RunAsync<TConfig>(string[] args, SinkDefinition<TConfig> sink)
    {
        using var cts = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        return await RunAsync(args, sink, SinkIo.FromConsole(), cts.Token);

        void Cancel(PosixSignalContext context)
        {
            context.Cancel = true;
            cts.Cancel();
        }
    }

    /// <summary>Runs a sink against the given process boundary. Never throws; returns the exit code.</summary>
    public static async Task<int> RunAsync<TConfig>(string[] args, SinkDefinition<TConfig> sink, SinkIo io, CancellationToken cancellationToken = default)
    {
        var info = sink.Info;
        // Only what the sink declares can be read: its --help lists exactly what it reads.
        var env = new SinkEnvironment(io.GetEnvironmentVariable, info.Environment.Select(v => v.Name));
        // Raw values, not env.Get's: a secret is hidden even in the form that env.Get refuses.
        var redactor = new Redactor(info.Environment.Where(v => v.Secret)
            .Select(v => io.GetEnvironmentVariable(v.Name))
            .SelectMany(value => new[] { value, value?.Trim() }));
        var stdout = redactor.Wrap(io.Stdout);
        var stderr = redactor.Wrap(io.Stderr);

        int Fail(int code, string message)
        {
            // One line, always: peepshow and scripts read errors line by line, and remote error
            // bodies or exception messages often carry newlines.
            stderr.WriteLine($"{info.ExecutableName}: {OneLine(message)}");
            stderr.Flush();
            return code;
        }

        var dryRun = false;
        var arguments = new List<string>();
        foreach (var arg in args)
        {
            switch (arg)
            {
                case "-h" or "--help" or "-?":
                    stdout.Write(HelpText(info));
                    stdout.Flush();
                    return SinkExitCodes.Ok;
                case "--version":
                    stdout.WriteLine($"{info.ExecutableName} {info.DisplayVersion} (protocol {RunPayload.CurrentSchemaVersion})");
                    stdout.Flush();
                    return SinkExitCodes.Ok;
                case "--dry-run":
                    dryRun = true;
                    break;
                case ['-', '-', ..]:
                    return Fail(SinkExitCodes.InvalidConfig, $"unknown option '{arg}' (see --help)");
                default:
                    arguments.Add(arg);
                    break;
            }
        }

        try
        {
            // Config first: a misconfigured sink should say so without anyone having to produce a payload.
            // Every documented variable is checked here, even one the sink reads only while writing.
            foreach (var variable in info.Environment)
                env.Get(variable.Name);
            var config = sink.ReadConfig(env);

            if (io.StdinIsTerminal)
                return Fail(SinkExitCodes.MalformedInput, $"stdin is a terminal; pipe a payload: peepshow <video> --emit json | {info.ExecutableName}");

            var bytes = await ReadCappedAsync(io.Stdin, MaxStdinBytes, cancellationToken);
            if (bytes is null)
                return Fail(SinkExitCodes.MalformedInput, $"stdin is larger than the {MaxStdinBytes / (1024 * 1024)} MiB limit");

            var read = ProtocolJson.Read(bytes);
            if (!read.IsOk)
                return Fail(SinkExitCodes.MalformedInput, read.Error!);

            var invocation = new SinkInvocation<TConfig>(config, read.Payload!, dryRun, arguments, env, stdout, stderr, io.Time) { RawPayload = bytes };
            var line = await sink.WriteAsync(invocation, cancellationToken);
            if (!string.IsNullOrEmpty(line))
                stdout.WriteLine(OneLine(line));
            stdout.Flush();
            return SinkExitCodes.Ok;
        }
        catch (SinkException ex)
        {
            return Fail(ex.ExitCode, ex.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Fail(SinkExitCodes.Interrupted, "interrupted; nothing more was sent");
        }
        catch (Exception ex)
        {
            // A bug, not an expected failure: still one line, still redacted, but exit 1 so it stands out.
            return Fail(1, $"unexpected error: {ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>
    /// Reads all of <paramref name="stream"/>, or returns null once it holds more than <paramref name="cap"/> bytes.
    /// Never asks for more than one byte past the cap, so an oversized producer is not drained.
    /// </summary>
    public static async Task<byte[]?> ReadCappedAsync(Stream stream, int cap, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        while (true)
        {
            var room = (int)Math.Min(chunk.Length, (long)cap + 1 - buffer.Length);
            var n = await stream.ReadAsync(chunk.AsMemory(0, room), cancellationToken);
            if (n == 0)
                return buffer.ToArray();
            buffer.Write(chunk, 0, n);
            if (buffer.Length > cap)
                return null;
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    public static string HelpText(SinkInfo info)
    {
        var w = new StringWriter();
        w.WriteLine($"{info.ExecutableName} {info.DisplayVersion}: {info.Summary}");
        w.WriteLine();
        w.WriteLine("Usage:");
        w.WriteLine($"  peepshow <video> --sink {info.Name}");
        w.WriteLine($"  peepshow <video> --emit json | {info.ExecutableName} [--dry-run]");
        w.WriteLine();
        w.WriteLine("Options:");
        w.WriteLine("  --dry-run   print the requests it would send, secrets redacted, and exit 0 without network");
        w.WriteLine("  --version   print the version");
        w.WriteLine("  -h, --help  show this help");
        w.WriteLine();
        w.WriteLine("Environment:");
        var width = info.Environment.Count == 0 ? 0 : info.Environment.Max(v => v.Name.Length);
        foreach (var v in info.Environment)
        {
            var flags = v.Required ? "required" : v.Default is null ? "optional" : $"default {v.Default}";
            w.WriteLine($"  {v.Name.PadRight(width)}  {v.Description} ({flags}{(v.Secret ? ", secret" : "")})");
        }
        w.WriteLine();
        w.WriteLine("Each value must be one line of printable text: a control character (a line break in a token) is exit 2.");
        w.WriteLine();
        w.WriteLine("Reads one peepshow payload (JSON, at most 64 MiB) on stdin; prints one line naming the record it wrote.");
        w.WriteLine("Credentials and the run go to the configured host only: a redirect to another host, port or scheme is exit 2.");
        w.WriteLine("Only the backend's own success answer counts: any other reply, even a 200, is exit 5 and shows what came back.");
        w.WriteLine("Exit codes: 0 written · 2 missing/invalid config or a redirect elsewhere · 3 missing dependency");
        w.WriteLine("            4 malformed stdin or a run without an id · 5 refused, not the backend's answer, or failed after retries");
        w.WriteLine($"Docs: docs/sinks/{info.Name}.md");
        return w.ToString();
    }
}
