namespace EcsOnK8s.Api.Schema;

/// <summary>
/// Bounds on the number of entries of a list (<c>minItems</c>/<c>maxItems</c>) or a map
/// (<c>minProperties</c>/<c>maxProperties</c>) in the generated CRD, so the API server refuses what AWS would.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SchemaItemsAttribute(int minimum, int maximum) : Attribute
{
    public int Minimum { get; } = minimum;
    public int Maximum { get; } = maximum;
}
