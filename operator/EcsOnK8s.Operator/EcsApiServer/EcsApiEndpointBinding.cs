using EcsOnK8s.Operator.Endpoints;

namespace EcsOnK8s.Operator.EcsApiServer;

/// <summary>The ECS API endpoint's listener.</summary>
public sealed class EcsApiEndpointBinding(bool tls) : EndpointBinding(tls);
