namespace EcsOnK8s.Runtime.Queue;

/// <summary>A key handed to a worker by <see cref="WorkQueue{TKey}.GetAsync"/>; give it back with <see cref="WorkQueue{TKey}.Done"/>.</summary>
public readonly record struct WorkItem<TKey>(TKey Key);
