namespace Peepshow.Testing.Doubles.Stargate;

public sealed record StargateColumn(string Name, CqlType Type);
