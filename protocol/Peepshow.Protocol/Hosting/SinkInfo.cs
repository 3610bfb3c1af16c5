namespace Peepshow.Protocol.Hosting;

/// <summary>What <c>--help</c> shows. Variables marked <see cref="EnvVarDoc.Secret"/> are redacted from all output.</summary>
/// <param name="Version">
/// The sink's own version for <c>--version</c> and <c>--help</c>. A sink released on its own schedule sets
/// it; null means the version of this protocol library, which is peepshow's for the sinks that ship with it.
/// </param>
public sealed record SinkInfo(string Name, string Summary, IReadOnlyList<EnvVarDoc> Environment, string? Version = null)
{
    public string ExecutableName => SinkName.ExecutablePrefix + Name;

    public string DisplayVersion => Version ?? SinkApp.Version;
}
