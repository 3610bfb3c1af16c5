using System.Buffers.Binary;

namespace Peepshow.Testing.Doubles;

/// <summary>
/// The duration an MP4 or M4A file declares in its movie header (<c>moov/mvhd</c>: duration over timescale), the
/// value ffprobe reports as the format's duration for these files. Read in process, as the transcription double
/// measures every upload and an ffprobe start costs more than the upload itself.
/// </summary>
internal static class Mp4Duration
{
    /// <summary>The duration in seconds, or null when <paramref name="file"/> is not an ISO media file with a movie header.</summary>
    public static double? Read(ReadOnlySpan<byte> file)
    {
        if (file.Length < 8 || !file.Slice(4, 4).SequenceEqual("ftyp"u8))
            return null;
        var moov = Find(file, "moov"u8);
        if (moov.IsEmpty)
            return null;
        var mvhd = Find(moov, "mvhd"u8);
        // version 0: creation and modification times of 4 bytes each, then timescale and duration of 4; version 1: 8, 8, 4, 8.
        if (mvhd.Length < 20)
            return null;
        var (timescale, duration) = mvhd[0] == 0
            ? (BinaryPrimitives.ReadUInt32BigEndian(mvhd[12..]), (ulong)BinaryPrimitives.ReadUInt32BigEndian(mvhd[16..]))
            : mvhd.Length >= 32 ? (BinaryPrimitives.ReadUInt32BigEndian(mvhd[20..]), BinaryPrimitives.ReadUInt64BigEndian(mvhd[24..])) : (0u, 0ul);
        // A fragmented file may leave the duration 0 for its fragments to tell: that is for ffprobe to work out.
        return timescale == 0 || duration == 0 ? null : (double)duration / timescale;
    }

    /// <summary>The body of the first box of <paramref name="type"/> among the boxes that make up <paramref name="boxes"/>; empty if none.</summary>
    private static ReadOnlySpan<byte> Find(ReadOnlySpan<byte> boxes, ReadOnlySpan<byte> type)
    {
        while (boxes.Length >= 8)
        {
            var size = (long)BinaryPrimitives.ReadUInt32BigEndian(boxes);
            var header = 8;
            if (size == 1 && boxes.Length >= 16)
                (size, header) = ((long)BinaryPrimitives.ReadUInt64BigEndian(boxes[8..]), 16);
            else if (size == 0)
                size = boxes.Length;
            if (size < header || size > boxes.Length)
                return [];
            if (boxes.Slice(4, 4).SequenceEqual(type))
                return boxes[header..(int)size];
            boxes = boxes[(int)size..];
        }
        return [];
    }
}
