using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace EcsOnK8s.Operator.EcsApiServer;

/// <summary>The ECS API endpoint's listener: which connections it serves, and the port it got (0 asks for a free one).</summary>
public sealed class EcsApiEndpointBinding(bool tls)
{
    /// <summary>The bound port (known once the host started; -1 before).</summary>
    public int Port => Listen?.EndPoint is IPEndPoint endPoint ? endPoint.Port : -1;

    public bool Tls => tls;

    internal ListenOptions? Listen { get; set; }

    /// <summary>Whether a request came in on the ECS API port (and must not reach health, metrics, or anything else).</summary>
    public bool Serves(HttpContext context) => context?.Connection.LocalPort == Port;
}
