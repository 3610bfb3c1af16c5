using Peepshow.Protocol;
using Peepshow.Protocol.Payload;

namespace Peepshow.Sinks.Cassandra.Tests.Fixtures;

/// <summary>
/// Stdin for the sink: a payload as peepshow writes it, or the original peepshow's documented example.
/// The full run itself is <see cref="Testing.RunPayloads.Full"/>, shared with the protocol and the other sinks' specs.
/// </summary>
internal static class Payloads
{
    public static byte[] Json(RunPayload payload) => ProtocolJson.SerializeToUtf8(payload);

    /// <summary>The original peepshow's documented payload: no runId, no input, no createdAt.</summary>
    public static byte[] OriginalExample() => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "original-example.json"));
}
