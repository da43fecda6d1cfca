using EcsOnK8s.Api.V1Alpha1;

namespace EcsOnK8s.Testing.Common.Security;

/// <summary>
/// One hostile spec: its name, the path of the field it abuses (as the translation report names it), the task
/// definition and service that carry it, and whether it is refused or contained by construction.
/// </summary>
public sealed record HostileSpec(string Name, string Field, Func<EcsTaskDefinitionSpec> TaskDefinition, Func<EcsService> Service, bool Contained = false);
