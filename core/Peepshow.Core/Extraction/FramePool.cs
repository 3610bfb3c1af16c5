namespace Peepshow.Core.Extraction;

/// <summary>Reusable raw-frame buffers: the decode produces hundreds of megabyte-sized frames a minute.</summary>
public sealed class FramePool(int frameBytes)
{
    private readonly System.Collections.Concurrent.ConcurrentBag<byte[]> _free = [];

    public PooledFrame Rent() => new(this, _free.TryTake(out var buffer) ? buffer : new byte[frameBytes]);

    internal void Return(byte[] buffer)
    {
        // A few spare buffers cover the look-ahead window; the rest goes back to the GC.
        if (_free.Count < 32)
            _free.Add(buffer);
    }
}
