namespace EcsOnK8s.Translation.Report;

/// <summary>One input path and what became of it, e.g. <c>containerDefinitions[1].ulimits[0]</c>.</summary>
public sealed record ReportEntry(string Path, Disposition Disposition, string Reason)
{
    /// <summary>For a rejected path, why it was rejected; <see cref="RejectionKind.None"/> otherwise.</summary>
    public RejectionKind Rejection { get; init; }
}
