using System.Text;
using System.Text.Json;
using EcsOnK8s.Translation.Report;

namespace EcsOnK8s.Cli.Commands;

/// <summary>The translation report as a PATH / DISPOSITION / REASON table or as JSON.</summary>
public static class ReportWriter
{
    public static string Table(TranslationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var width = Math.Max("PATH".Length, report.Entries.Select(e => e.Path.Length).DefaultIfEmpty(0).Max());
        var sb = new StringBuilder();
        sb.Append("PATH".PadRight(width)).Append("  ").Append("DISPOSITION".PadRight(12)).Append("  REASON\n");
        foreach (var e in report.Entries)
        {
            sb.Append(e.Path.PadRight(width)).Append("  ").Append(e.Disposition.ToString().PadRight(12)).Append("  ").Append(e.Reason).Append('\n');
        }

        sb.Append('\n').Append(Summary(report)).Append('\n');
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
