using System.Text;
using System.Text.Json;
using EcsOnK8s.Api.V1Alpha1;

namespace EcsOnK8s.Translation.Pods.Containers;

/// <summary>Compact JSON with sorted keys for annotations that record ECS settings (deterministic bytes).</summary>
internal static class AnnotationJson
{
    public static string LogConfiguration(LogConfiguration log) => Write(w =>
    {
        if (log.LogDriver is not null)
        {
            w.WriteString("logDriver", log.LogDriver);
        }

        WriteOptions(w, log.Options);
        if (log.SecretOptions is not null)
        {
            // References only: an option's valueFrom is an ARN or a parameter name, never the secret itself.
            w.WriteStartArray("secretOptions");
            foreach (var so in log.SecretOptions)
            {
                w.WriteStartObject();
                if (so.Name is not null)
                {
                    w.WriteString("name", so.Name);
                }

                if (so.ValueFrom is not null)
                {
                    w.WriteString("valueFrom", so.ValueFrom);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        }
    });

    public static string FireLens(FirelensConfiguration fl) => Write(w =>
    {
        WriteOptions(w, fl.Options);
        if (fl.Type is not null)
        {
            w.WriteString("type", fl.Type);
        }
    });

    /// <summary>A JSON object of already-serialised JSON values, keys sorted.</summary>
    public static string Merge(IEnumerable<KeyValuePair<string, string>> entries) => Write(w =>
    {
        foreach (var (key, json) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            w.WritePropertyName(key);
            w.WriteRawValue(json, skipInputValidation: true);
        }
    });

    private static void WriteOptions(Utf8JsonWriter w, Dictionary<string, string>? options)
    {
        if (options is null)
        {
            return;
        }

        w.WriteStartObject("options");
        foreach (var (key, value) in options.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            w.WriteString(key, value);
        }

        w.WriteEndObject();
    }

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
