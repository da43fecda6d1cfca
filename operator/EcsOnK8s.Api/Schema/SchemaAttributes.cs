namespace EcsOnK8s.Api.Schema;

/// <summary>The values a string field may take, emitted as the OpenAPI <c>enum</c> of the generated CRD.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class EnumValuesAttribute(params string[] values) : Attribute
{
    public IReadOnlyList<string> Values { get; } = values;
}

/// <summary>An inclusive numeric range, emitted as <c>minimum</c>/<c>maximum</c> of the generated CRD.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SchemaRangeAttribute(double minimum, double maximum) : Attribute
{
    public double Minimum { get; } = minimum;
    public double Maximum { get; } = maximum;
}

/// <summary>A field the API server requires; the generated schema lists it under <c>required</c>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SchemaRequiredAttribute : Attribute;

/// <summary>
/// A field whose content the API server keeps as given (<c>x-kubernetes-preserve-unknown-fields</c>), used for
/// embedded Kubernetes types whose schema the API server already knows.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PreserveUnknownFieldsAttribute : Attribute;
