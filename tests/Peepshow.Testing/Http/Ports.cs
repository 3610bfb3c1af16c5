namespace Peepshow.Testing.Http;

public static class Ports
{
    /// <summary>A loopback port nobody listens on, for "connection refused".</summary>
    public static int Closed()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
