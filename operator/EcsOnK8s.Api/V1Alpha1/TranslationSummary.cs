namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>How many input paths the translation mapped, approximated, ignored and rejected.</summary>
public sealed class TranslationSummary
{
    public int? Mapped { get; set; }

    public int? Approximated { get; set; }

    public int? Ignored { get; set; }

    public int? Rejected { get; set; }

    /// <summary>The approximated, ignored and rejected paths with their reasons (at most 50).</summary>
    public List<string>? Notes { get; set; }
}
