using System.Net;
using System.Net.Sockets;

namespace EcsOnK8s.Testing.Common;

/// <summary>Ports on 127.0.0.1 for processes the tests and benchmarks start.</summary>
public static class LoopbackPort
{
    /// <summary>A port free at the time of the call (the system's pick; another process may still take it before use).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
