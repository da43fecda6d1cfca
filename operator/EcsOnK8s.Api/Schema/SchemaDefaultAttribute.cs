namespace EcsOnK8s.Api.Schema;

/// <summary>
/// A default the API server fills in (<c>default</c> of the generated CRD). Only for fields where ECS has the same
/// default and the operator reads an absent value the same way, and never inside a list item: a defaulted field in a
/// list item differs from the Git manifest in Argo CD's client-side diff, as the whole list is compared.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SchemaDefaultAttribute(object value) : Attribute
{
    public object Value { get; } = value;
}
