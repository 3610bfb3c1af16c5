using System.Net;

namespace Peepshow.Http;

/// <summary>
/// Credentials only travel over https, except to this machine: a local server (tests, a self-hosted Stargate,
/// a transcription server on localhost) never leaves it. Sinks and the HTTP transcriber ask the same question here.
/// </summary>
public static class Loopback
{
    /// <summary><c>localhost</c>, 127.0.0.0/8 and ::1, with or without IPv6 brackets.</summary>
    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
