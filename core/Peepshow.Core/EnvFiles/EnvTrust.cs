namespace Peepshow.Core.EnvFiles;

/// <summary>What the user decided about one <c>.env</c>, as of its current content.</summary>
public enum EnvTrust
{
    /// <summary>Never allowed or denied.</summary>
    Unknown,

    /// <summary>Allowed with exactly this content.</summary>
    Allowed,

    /// <summary>Allowed once, but the content changed since: it needs allowing again.</summary>
    Changed,

    /// <summary><c>peepshow env deny</c>: ignored without a hint.</summary>
    Denied,
}
