using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace EcsOnK8s.Operator.Endpoints;

/// <summary>
/// The listener of an endpoint on a port of its own (the events endpoint, the ECS API): which connections it
/// serves, and the port it got (0 asks for a free one). One subclass per endpoint, so each is its own service.
/// </summary>
public abstract class EndpointBinding(bool tls)
{
    /// <summary>The bound port (known once the host started; -1 before).</summary>
    public int Port => Listen?.EndPoint is IPEndPoint endPoint ? endPoint.Port : -1;

    public bool Tls => tls;

    /// <summary>Kestrel's listener, set when Kestrel is configured; it carries the bound port once listening.</summary>
    internal ListenOptions? Listen { get; set; }

    /// <summary>Whether a request came in on this endpoint's port (and must not reach health, metrics, or anything else).</summary>
    public bool Serves(HttpContext context) => context?.Connection.LocalPort == Port;
}
