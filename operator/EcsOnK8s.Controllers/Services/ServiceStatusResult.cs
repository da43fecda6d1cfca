using EcsOnK8s.Api.V1Alpha1;

namespace EcsOnK8s.Controllers.Services;

/// <summary>A computed status and the service event messages it added, which also become Kubernetes Events.</summary>
public sealed record ServiceStatusResult(EcsServiceStatus Status, IReadOnlyList<ServiceEventNotice> NewEvents);
