using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Peepshow.Core.Transcription;

/// <summary>
/// Reads the 16 kHz mono s16 WAV the audio pass writes as float samples in [-1, 1), a bounded number at a
/// time, so an hour of audio never has to sit in memory at once.
/// </summary>
public static class PcmWav
{
    public static async IAsyncEnumerable<float[]> ReadChunksAsync(string path, int samplesPerChunk, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await SeekToDataAsync(file, cancellationToken);
        var bytes = new byte[samplesPerChunk * 2];
        while (true)
        {
            // Whatever follows "data" up to the end of the file: the size field is unreliable in streamed WAVs.
            var read = await file.ReadAtLeastAsync(bytes, bytes.Length, throwOnEndOfStream: false, cancellationToken);
            var count = read / 2;
            if (count == 0)
                yield break;
            var samples = new float[count];
            for (var i = 0; i < count; i++)
                samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(i * 2)) / 32768f;
            yield return samples;
            if (read < bytes.Length)
                yield break;
        }
    }

    private static async Task SeekToDataAsync(Stream file, CancellationToken cancellationToken)
    {
        var header = new byte[12];
        if (await file.ReadAtLeastAsync(header, 12, throwOnEndOfStream: false, cancellationToken) < 12
            || !header.AsSpan(0, 4).SequenceEqual("RIFF"u8) || !header.AsSpan(8, 4).SequenceEqual("WAVE"u8))
            throw new InvalidDataException("the audio is not a WAV file");
        var chunk = new byte[8];
        while (await file.ReadAtLeastAsync(chunk, 8, throwOnEndOfStream: false, cancellationToken) == 8)
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunk.AsSpan(4));
            if (chunk.AsSpan(0, 4).SequenceEqual("data"u8))
                return;
            // Chunks are padded to an even length.
            file.Seek(size + (size & 1), SeekOrigin.Current);
        }
        throw new InvalidDataException("the WAV file has no data chunk");
    }
}
