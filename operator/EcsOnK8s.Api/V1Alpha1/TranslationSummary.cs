namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>How many input paths the translation mapped, approximated, ignored and rejected.</summary>
public sealed class TranslationSummary
{
    /// <summary>Fields translated faithfully.</summary>
    public int? Mapped { get; set; }

    /// <summary>Fields translated with a difference in behaviour (see the CLI's report).</summary>
    public int? Approximated { get; set; }

    /// <summary>Fields with no Kubernetes equivalent, recorded only.</summary>
    public int? Ignored { get; set; }

    /// <summary>Fields refused: nothing is rendered while any is.</summary>
    public int? Rejected { get; set; }

    /// <summary>The approximated, ignored and rejected paths with their reasons (at most 50).</summary>
    public List<string>? Notes { get; set; }
}
