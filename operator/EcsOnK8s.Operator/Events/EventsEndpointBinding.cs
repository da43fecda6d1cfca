using EcsOnK8s.Operator.Endpoints;

namespace EcsOnK8s.Operator.Events;

/// <summary>The events endpoint's listener.</summary>
public sealed class EventsEndpointBinding(bool tls) : EndpointBinding(tls);
