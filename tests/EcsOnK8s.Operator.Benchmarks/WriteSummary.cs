namespace EcsOnK8s.Operator.Benchmarks;

/// <summary>
/// The audited writes of a window: the operator's (by verb and resource, the first few named), and the other
/// writers' counts, which show the cluster was living.
/// </summary>
internal sealed record WriteSummary(
    int Operator,
    IReadOnlyDictionary<string, double> OperatorByResource,
    IReadOnlyDictionary<string, double> ByWriter,
    IReadOnlyList<string> OperatorSample);
