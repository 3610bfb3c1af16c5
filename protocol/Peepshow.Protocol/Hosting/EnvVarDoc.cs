namespace Peepshow.Protocol.Hosting;

public sealed record EnvVarDoc(string Name, string Description, bool Required = false, string? Default = null, bool Secret = false);
