using Peepshow.Protocol.Payload;
using Peepshow.Testing;

namespace Peepshow.Protocol.Tests;

/// <summary>Payloads the specs start from.</summary>
internal static class Payloads
{
    /// <summary>The original npm peepshow's documented <c>--emit json</c> example, verbatim (Fixtures/).</summary>
    public static string OriginalExampleJson => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "original-peepshow-payload.json"));

    /// <summary>Only what the contract requires.</summary>
    public static RunPayload Minimal(string outputDir = "/tmp/peepshow-minimal") => new()
    {
        OutputDir = outputDir,
        Strategy = "scene",
        Frames = [],
    };

    /// <summary>
    /// The shared full run with the two members a real run leaves null filled in as well (a URL beside the
    /// input's path, a transcript's skip reason), so a round trip exercises every member of every record.
    /// </summary>
    public static RunPayload FullyPopulated() => RunPayloads.Full with
    {
        Input = RunPayloads.Full.Input! with { Kind = "url", Url = "https://media.example.com/clips/heist-trailer.mov" },
        Audio = RunPayloads.Full.Audio! with
        {
            Transcript = RunPayloads.Full.Audio.Transcript! with { SkippedReason = "none: set so every member is exercised" },
        },
    };

    /// <summary>Parses JSON the way a sink does and fails the spec with the reader's reason if it is refused.</summary>
    public static RunPayload Parse(string json)
    {
        var read = ProtocolJson.Read(json);
        Assert.True(read.IsOk, read.Error);
        return read.Payload!;
    }
}
