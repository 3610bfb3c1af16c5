namespace Peepshow.Core.Extraction;

/// <summary>One raw decoded picture rented from a <see cref="FramePool"/>; disposing it gives the buffer back.</summary>
public sealed class PooledFrame : IDisposable
{
    private readonly FramePool _pool;
    private byte[]? _bytes;

    internal PooledFrame(FramePool pool, byte[] bytes)
    {
        _pool = pool;
        _bytes = bytes;
    }

    public byte[] Bytes => _bytes ?? throw new ObjectDisposedException(nameof(PooledFrame));

    public bool IsReleased => _bytes is null;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _bytes, null) is { } buffer)
            _pool.Return(buffer);
    }
}
