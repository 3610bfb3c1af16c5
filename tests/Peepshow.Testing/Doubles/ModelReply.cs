namespace Peepshow.Testing.Doubles;

/// <summary>How the double answers a request for one model file.</summary>
public enum ModelReply
{
    /// <summary>200 with a small file that starts with the ggml magic, like the real model.</summary>
    Model,

    /// <summary>200 with an HTML page, what a captive portal or a wrong URL gives.</summary>
    Html,

    NotFound,

    /// <summary>Announces the full length, sends half, then drops the connection.</summary>
    Truncated,

    /// <summary>200 with the file at its full length but one byte changed, as a flaky mirror or disk might.</summary>
    Corrupt,
}
