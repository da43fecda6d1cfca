using EcsOnK8s.Api.V1Alpha1;

namespace EcsOnK8s.Controllers.TaskDefinitions;

/// <summary>A normalised task definition: its family, spec, canonical JSON and the hash that identifies a revision.</summary>
public sealed record NormalizedTaskDefinition(string Family, EcsTaskDefinitionSpec Spec, string CanonicalJson, string Hash);
