using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Report;

namespace EcsOnK8s.Controllers.Common;

/// <summary>The translation report as a resource's status shows it.</summary>
public static class TranslationSummaries
{
    private const int MaxNotes = 50;

    /// <summary>Counts per disposition and the first notes on what did not map as is.</summary>
    public static TranslationSummary Summarize(TranslationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new TranslationSummary
        {
            Mapped = report.Count(Disposition.Mapped),
            Approximated = report.Count(Disposition.Approximated),
            Ignored = report.Count(Disposition.Ignored),
            Rejected = report.Count(Disposition.Rejected),
            Notes = [.. report.Entries
                .Where(e => e.Disposition != Disposition.Mapped)
                .OrderByDescending(e => e.Disposition)
                .ThenBy(e => e.Path, StringComparer.Ordinal)
                .Take(MaxNotes)
                .Select(e => $"{e.Path}: {e.Disposition}: {e.Reason}")],
        };
    }
}
