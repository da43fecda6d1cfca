namespace EcsOnK8s.Runtime.Events;

/// <summary>
/// What an event says happened: its type and PascalCase reason, decided by the code that records it, never read off
/// the message (a reworded message changes neither).
/// </summary>
public sealed record EventKind(EventType Type, string Reason);
