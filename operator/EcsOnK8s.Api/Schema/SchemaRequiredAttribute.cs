namespace EcsOnK8s.Api.Schema;

/// <summary>A field the API server requires; the generated schema lists it under <c>required</c>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SchemaRequiredAttribute : Attribute;
