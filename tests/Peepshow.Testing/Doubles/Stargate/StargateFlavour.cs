namespace Peepshow.Testing.Doubles.Stargate;

/// <summary>
/// Which Stargate generation the double imitates. Both serve the same <c>/v2/...</c> REST paths but differ in
/// error statuses and bodies, the 201 body, value parsing (v1 trims strings) and how rows read back.
/// </summary>
public enum StargateFlavour
{
    /// <summary>Stargate v2 (Quarkus <c>sgv2-restapi</c> over the gRPC bridge): the current one.</summary>
    V2,

    /// <summary>Stargate v1 (the coordinator's <c>restapi</c> module), also what older Astra answered.</summary>
    V1,
}
