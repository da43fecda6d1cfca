using System.Text.Json;
using EcsOnK8s.Runtime.Kube;
using k8s;

namespace EcsOnK8s.Runtime.Informers;

/// <summary>Reads one object of a list or a watch into the typed model, or says why it cannot.</summary>
internal static class ObjectDecoder
{
    /// <summary>The typed object, or null with <paramref name="undecodable"/> set when the model cannot hold it.</summary>
    public static T? Decode<T>(JsonElement element, ResourceType type, out UndecodableObject? undecodable)
        where T : class
    {
        try
        {
            undecodable = null;
            return KubernetesJson.Deserialize<T>(element);
        }
        catch (Exception e) when (IsDecodeFailure(e))
        {
            undecodable = UndecodableObject.From(element, e, type);
            return null;
        }
    }

    /// <summary>
    /// What the serializer and the model's converters throw on data they cannot hold: user input, never a reason
    /// to stop a list or a watch.
    /// </summary>
    public static bool IsDecodeFailure(Exception e) =>
        e is JsonException or FormatException or OverflowException or InvalidOperationException or ArgumentException or InvalidCastException;
}
