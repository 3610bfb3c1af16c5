using System.Globalization;
using CliWrap;
using Peepshow.Core.Processes;

namespace Peepshow.Core.Transcription;

/// <summary>
/// Cuts audio that is over a provider's upload limit into time chunks with one ffmpeg run (segment muxer,
/// stream copy: no re-encode, every AAC packet is a cut point). The muxer's own segment list gives each
/// chunk's exact start, so merged segment times are right to the packet (64 ms at 16 kHz).
/// </summary>
public static class AudioChunker
{
    private const double MinChunkSeconds = 0.2;

    public static async Task<IReadOnlyList<AudioChunk>> SplitAsync(string ffmpeg, string audioPath, double durationSeconds, long maxBytes, string workDir, CancellationToken cancellationToken)
    {
        var size = new FileInfo(audioPath).Length;
        if (size <= maxBytes)
            return [new AudioChunk(audioPath, 0)];

        // Aim under the cap (bitrate varies along the file); if a chunk still comes out too big, cut finer.
        var count = (int)Math.Ceiling(size / (maxBytes * 0.9));
        for (var attempt = 0; attempt < 4; attempt++, count *= 2)
        {
            var chunks = await SplitIntoAsync(ffmpeg, audioPath, durationSeconds / count, Path.Combine(workDir, $"chunks-{count}"), cancellationToken);
            if (chunks.All(c => new FileInfo(c.Path).Length <= maxBytes))
                return chunks;
        }
        throw new TranscriptionSkippedException($"could not cut the audio into pieces under the {maxBytes} byte upload limit");
    }

    private static async Task<IReadOnlyList<AudioChunk>> SplitIntoAsync(string ffmpeg, string audioPath, double chunkSeconds, string dir, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dir);
        var list = Path.Combine(dir, "chunks.csv");
        var result = await Cli.Wrap(ffmpeg)
            .WithArguments([
                "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-y",
                "-i", audioPath,
                "-map", "0:a:0", "-c", "copy",
                "-f", "segment",
                "-segment_time", chunkSeconds.ToString("0.###", CultureInfo.InvariantCulture),
                "-segment_list", list, "-segment_list_type", "csv",
                "-reset_timestamps", "1",
                Path.Combine(dir, "chunk_%04d.m4a")])
            .RunBufferedAsync(maxCharsPerStream: 16 * 1024, cancellationToken: cancellationToken);
        if (!result.IsSuccess || !File.Exists(list))
            throw new TranscriptionSkippedException($"ffmpeg could not cut the audio for upload: {result.StandardError.Trim().Split('\n').LastOrDefault()}");

        // Each line: file name, start time, end time (seconds).
        var chunks = new List<(AudioChunk Chunk, double Seconds)>();
        foreach (var line in await File.ReadAllLinesAsync(list, cancellationToken))
        {
            var fields = line.Split(',');
            if (fields.Length >= 3
                && double.TryParse(fields[^2], NumberStyles.Float, CultureInfo.InvariantCulture, out var start)
                && double.TryParse(fields[^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var end))
                chunks.Add((new AudioChunk(Path.Combine(dir, string.Join(',', fields[..^2])), start), end - start));
        }
        // The cut can leave a last sliver of a packet or two; providers reject audio under 0.1 s, and it holds no speech.
        if (chunks.Count > 1 && chunks[^1].Seconds < MinChunkSeconds)
            chunks.RemoveAt(chunks.Count - 1);
        return chunks.Count > 0 ? chunks.Select(c => c.Chunk).ToList() : throw new TranscriptionSkippedException("ffmpeg cut the audio into no pieces");
    }
}
