namespace EcsOnK8s.Testing;

/// <summary>A mutating request <see cref="ApiServerProxy"/> saw answered: its number, when, what and the status.</summary>
public sealed record ProxiedWrite(long Sequence, DateTimeOffset AnsweredAt, string Method, string Path, int Status)
{
    /// <summary>A DELETE whose options carry <c>preconditions.uid</c>: it cannot delete a successor of the same name.</summary>
    public bool UidPrecondition { get; init; }

    /// <summary>A write of the leader election Lease (not of the operator's children or status).</summary>
    public bool IsLease => Path.Contains("/leases", StringComparison.Ordinal);

    public override string ToString() => $"#{Sequence} {AnsweredAt:HH:mm:ss.fff} {Method} {Path} -> {Status}";
}
