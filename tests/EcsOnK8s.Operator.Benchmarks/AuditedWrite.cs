namespace EcsOnK8s.Operator.Benchmarks;

/// <summary>One audited write: when the API server received it, by whom, on what.</summary>
internal sealed record AuditedWrite(DateTimeOffset At, string Verb, string User, string UserAgent, string Resource, string Name, int Code)
{
    /// <summary>The operator's: the admin user, not through the benchmark's client or kubectl.</summary>
    public bool IsOperator =>
        User == AuditLog.AdminUser
        && !UserAgent.StartsWith(AuditLog.BenchmarkUserAgent, StringComparison.Ordinal)
        && !UserAgent.StartsWith("kubectl", StringComparison.Ordinal);

    /// <summary>Who wrote, for the breakdown: a node, a controller of kube-controller-manager (its service account), the scheduler, ...</summary>
    public string Writer => User.StartsWith("system:node:", StringComparison.Ordinal) ? "nodes"
        : User.StartsWith("system:serviceaccount:kube-system:", StringComparison.Ordinal) ? User["system:serviceaccount:kube-system:".Length..]
        : IsOperator ? "operator"
        : User == AuditLog.AdminUser ? "benchmark"
        : User;
}
