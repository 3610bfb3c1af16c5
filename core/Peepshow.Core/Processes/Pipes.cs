using System.Text;

namespace Peepshow.Core.Processes;

/// <summary>Where a process's stdin comes from. It is always closed after the source is written.</summary>
public abstract class PipeSource
{
    public static PipeSource Null { get; } = new DelegateSource((_, _) => Task.CompletedTask);

    public static PipeSource FromBytes(ReadOnlyMemory<byte> bytes) =>
        new DelegateSource((stdin, ct) => stdin.WriteAsync(bytes, ct).AsTask());

    public static PipeSource FromString(string text) => FromBytes(Encoding.UTF8.GetBytes(text));

    public static PipeSource FromStream(Stream stream) => new DelegateSource((stdin, ct) => stream.CopyToAsync(stdin, ct));

    public static PipeSource FromFile(string path) => new DelegateSource(async (stdin, ct) =>
    {
        await using var file = File.OpenRead(path);
        await file.CopyToAsync(stdin, ct);
    });

    public abstract Task CopyToAsync(Stream stdin, CancellationToken cancellationToken);

    private sealed class DelegateSource(Func<Stream, CancellationToken, Task> copy) : PipeSource
    {
        public override Task CopyToAsync(Stream stdin, CancellationToken cancellationToken) => copy(stdin, cancellationToken);
    }
}

/// <summary>
/// Where a process's stdout or stderr goes. Every target drains the stream to its end, so a chatty
/// process can never block on a full pipe.
/// </summary>
public abstract class PipeTarget
{
    public static PipeTarget Null { get; } = new DelegateTarget((stream, ct) => stream.CopyToAsync(Stream.Null, ct));

    public static PipeTarget ToStream(Stream destination) => new DelegateTarget((stream, ct) => stream.CopyToAsync(destination, ct));

    public static PipeTarget ToFile(string path) => new DelegateTarget(async (stream, ct) =>
    {
        await using var file = File.Create(path);
        await stream.CopyToAsync(file, ct);
    });

    /// <summary>Raw access for binary protocols such as ffmpeg's rawvideo on stdout. The delegate must read to the end.</summary>
    public static PipeTarget ToDelegate(Func<Stream, CancellationToken, Task> consume) => new DelegateTarget(consume);

    /// <summary>Calls <paramref name="onLine"/> for every line (UTF-8).</summary>
    public static PipeTarget ToDelegate(Action<string> onLine) => new DelegateTarget(async (stream, ct) =>
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await reader.ReadLineAsync(ct) is { } line)
            onLine(line);
    });

    /// <summary>Keeps only the last characters written: bounded memory however much a process prints.</summary>
    public static PipeTarget ToTail(TailBuffer buffer) => new DelegateTarget(async (stream, ct) =>
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var chunk = new char[8192];
        int n;
        while ((n = await reader.ReadAsync(chunk, ct)) > 0)
            buffer.Append(chunk.AsSpan(0, n));
    });

    /// <summary>Sends the same bytes to several targets.</summary>
    public static PipeTarget Merge(params PipeTarget[] targets)
    {
        var real = targets.Where(t => !ReferenceEquals(t, Null)).ToArray();
        return real.Length switch
        {
            0 => Null,
            1 => real[0],
            _ => new DelegateTarget((stream, ct) => FanOutAsync(stream, real, ct)),
        };
    }

    public abstract Task CopyFromAsync(Stream stream, CancellationToken cancellationToken);

    private static async Task FanOutAsync(Stream source, PipeTarget[] targets, CancellationToken ct)
    {
        var pipes = targets.Select(_ => new System.IO.Pipelines.Pipe()).ToArray();
        var consumers = targets.Select((t, i) => Task.Run(async () =>
        {
            await using var reader = pipes[i].Reader.AsStream();
            await t.CopyFromAsync(reader, ct);
        }, ct)).ToArray();

        var buffer = new byte[81920];
        int n;
        while ((n = await source.ReadAsync(buffer, ct)) > 0)
            foreach (var pipe in pipes)
                await pipe.Writer.WriteAsync(buffer.AsMemory(0, n), ct);
        foreach (var pipe in pipes)
            await pipe.Writer.CompleteAsync();
        await Task.WhenAll(consumers);
    }

    private sealed class DelegateTarget(Func<Stream, CancellationToken, Task> copy) : PipeTarget
    {
        public override Task CopyFromAsync(Stream stream, CancellationToken cancellationToken) => copy(stream, cancellationToken);
    }
}

/// <summary>A thread-safe text buffer that keeps the last <c>capacity</c> characters.</summary>
public sealed class TailBuffer(int capacity)
{
    private readonly StringBuilder _text = new();
    private readonly Lock _gate = new();

    public bool Truncated { get; private set; }

    public void Append(ReadOnlySpan<char> chars)
    {
        lock (_gate)
        {
            _text.Append(chars);
            if (_text.Length > capacity)
            {
                _text.Remove(0, _text.Length - capacity);
                Truncated = true;
            }
        }
    }

    public override string ToString()
    {
        lock (_gate)
            return _text.ToString();
    }
}
