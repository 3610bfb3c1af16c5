using System.Net;
using System.Net.Sockets;

namespace Peepshow.Testing.Http;

public static class LoopbackPorts
{
    /// <summary>A loopback port nothing listens on: connecting to it is refused at once (the offline case).</summary>
    public static int Refused()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
