namespace EcsOnK8s.Operator.Benchmarks;

/// <summary>The plain-client baseline of the schedule benchmark: its fire times, figures and CPU seconds.</summary>
internal sealed record ScheduleBaseline(int FireTimes, FireFigures Figures, IReadOnlyDictionary<string, double> Cpu);
