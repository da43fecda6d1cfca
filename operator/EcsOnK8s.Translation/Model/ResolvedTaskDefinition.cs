using EcsOnK8s.Api.V1Alpha1;

namespace EcsOnK8s.Translation.Model;

/// <summary>One revision of a task definition family, as a service, task or schedule resolved it.</summary>
public sealed record ResolvedTaskDefinition(string Family, int Revision, EcsTaskDefinitionSpec Spec)
{
    /// <summary>ECS's family:revision form.</summary>
    public string Identifier => $"{Family}:{Revision}";
}
