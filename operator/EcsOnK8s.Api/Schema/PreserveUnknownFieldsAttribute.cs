namespace EcsOnK8s.Api.Schema;

/// <summary>
/// A field whose content the API server keeps as given (<c>x-kubernetes-preserve-unknown-fields</c>), used for
/// embedded Kubernetes types whose schema the API server already knows.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PreserveUnknownFieldsAttribute : Attribute;
