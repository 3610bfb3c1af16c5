using Peepshow.Protocol;
using Peepshow.Protocol.Payload;

namespace Peepshow.Sinks.Databricks.Tests.Fixtures;

/// <summary>
/// Stdin for the sink: a payload as peepshow writes it, or the original peepshow's example.
/// The full run itself is <see cref="Testing.RunPayloads.Full"/>, shared with the protocol and the other sinks' specs.
/// </summary>
internal static class Payloads
{
    public static string Json(RunPayload payload) => ProtocolJson.Serialize(payload);

    /// <summary>What the original npm peepshow emits (no runId, createdAt or input).</summary>
    public static string OriginalExample() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "original-peepshow-example.json"));
}
