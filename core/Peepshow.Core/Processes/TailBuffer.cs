using System.Text;
using CliWrap;

namespace Peepshow.Core.Processes;

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

    /// <summary>
    /// A pipe target that reads the stream to its end (UTF-8) into this buffer: bounded memory however
    /// much a process prints, where CliWrap's buffered execution would keep everything.
    /// </summary>
    public PipeTarget ToPipeTarget() => PipeTarget.Create(async (stream, ct) =>
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var chunk = new char[8192];
        int n;
        while ((n = await reader.ReadAsync(chunk, ct)) > 0)
            Append(chunk.AsSpan(0, n));
    });

    public override string ToString()
    {
        lock (_gate)
            return _text.ToString();
    }
}
