using Peepshow.Protocol.Payload;

namespace Peepshow.Core.Runs;

/// <param name="Progress">The live progress display when there is one: lines go through it so it does not draw over them.</param>
public sealed record DeliveryContext(RunPayload Payload, RunRequest Request, string OutputDir, IRunProgress? Progress = null);
