namespace EcsOnK8s.Api.Schema;

/// <summary>
/// A list whose items are identified by one required field (<c>x-kubernetes-list-type: map</c> with that key): the
/// API server refuses two items with the same key, and server-side apply merges items by it.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ListMapKeyAttribute(string key) : Attribute
{
    /// <summary>The JSON name of the key field; the item type must mark it <see cref="SchemaRequiredAttribute"/>.</summary>
    public string Key { get; } = key;
}
