using EcsOnK8s.Runtime.Events;

namespace EcsOnK8s.Controllers.Services;

/// <summary>A service event the status calculation added: its message (in the status) and the Kubernetes Event it becomes.</summary>
public sealed record ServiceEventNotice(EventKind Kind, string Message);
