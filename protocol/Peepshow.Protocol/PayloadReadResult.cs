using Peepshow.Protocol.Payload;

namespace Peepshow.Protocol;

/// <summary>Either a payload or the one-line reason the input was not one.</summary>
public sealed record PayloadReadResult(RunPayload? Payload, string? Error)
{
    public static PayloadReadResult Ok(RunPayload payload) => new(payload, null);

    public static PayloadReadResult Fail(string error) => new(null, error);

    public bool IsOk => Payload is not null;
}
