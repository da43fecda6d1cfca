namespace EcsOnK8s.Api.Schema;

/// <summary>
/// The values a string field (or the items of a list of strings) may take, emitted as the OpenAPI <c>enum</c> of the
/// generated CRD.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class EnumValuesAttribute(params string[] values) : Attribute
{
    public IReadOnlyList<string> Values { get; } = values;
}
