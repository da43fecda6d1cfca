using System.Text;
using System.Text.Json;
using EcsOnK8s.Translation.Report;

namespace EcsOnK8s.Cli.Commands;

/// <summary>The translation report as a PATH / DISPOSITION / REASON table or as JSON.</summary>
public static class ReportWriter
{
    /// <summary>
    /// The table; without <paramref name="plainMapped"/>, only the entries that are not Mapped (what a reader has to
    /// look at), and the summary still counts every entry.
    /// </summary>
    public static string Table(TranslationReport report, bool plainMapped = true)
    {
        ArgumentNullException.ThrowIfNull(report);
        var entries = report.Entries.Where(e => plainMapped || e.Disposition != Disposition.Mapped).ToList();
        var sb = new StringBuilder();
        if (entries.Count > 0 || plainMapped)
        {
            var width = Math.Max("PATH".Length, entries.Select(e => e.Path.Length).DefaultIfEmpty(0).Max());
            sb.Append("PATH".PadRight(width)).Append("  ").Append("DISPOSITION".PadRight(12)).Append("  REASON\n");
            foreach (var e in entries)
            {
                sb.Append(e.Path.PadRight(width)).Append("  ").Append(e.Disposition.ToString().PadRight(12)).Append("  ").Append(e.Reason).Append('\n');
            }

            sb.Append('\n');
        }

        sb.Append(Summary(report));
        if (!plainMapped && report.Count(Disposition.Mapped) > 0)
        {
            sb.Append(" (--report full lists the mapped fields too)");
        }

        sb.Append('\n');
        return sb.ToString();
    }

    public static string Json(TranslationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteBoolean("rejected", report.HasRejections);
            w.WriteStartObject("summary");
            foreach (var d in Enum.GetValues<Disposition>())
            {
                w.WriteNumber(d.ToString().ToLowerInvariant(), report.Count(d));
            }

            w.WriteEndObject();
            w.WriteStartArray("entries");
            foreach (var e in report.Entries)
            {
                w.WriteStartObject();
                w.WriteString("path", e.Path);
                w.WriteString("disposition", e.Disposition.ToString());
                w.WriteString("reason", e.Reason);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    public static string Summary(TranslationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return $"{report.Count(Disposition.Mapped)} mapped, {report.Count(Disposition.Approximated)} approximated, " +
            $"{report.Count(Disposition.Ignored)} ignored, {report.Count(Disposition.Rejected)} rejected";
    }
}
