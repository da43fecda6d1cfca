namespace EcsOnK8s.Api.Schema;

/// <summary>An inclusive numeric range, emitted as <c>minimum</c>/<c>maximum</c> of the generated CRD.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SchemaRangeAttribute(double minimum, double maximum) : Attribute
{
    public double Minimum { get; } = minimum;
    public double Maximum { get; } = maximum;
}
