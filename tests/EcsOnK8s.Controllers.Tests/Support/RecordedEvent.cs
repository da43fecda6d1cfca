using EcsOnK8s.Runtime.Events;

namespace EcsOnK8s.Controllers.Tests.Support;

/// <summary>One event a reconciler recorded.</summary>
public sealed record RecordedEvent(string Subject, EventType Type, string Reason, string Message);
