using EcsOnK8s.Translation.Model;

namespace EcsOnK8s.Translation.Tests.Security;

/// <summary>
/// One hostile spec: its name, the report path of the field it abuses, whether it is refused or contained by
/// construction, and the request that carries it.
/// </summary>
public sealed record HostileSpec(string Name, string Field, Func<RenderRequest> Request, bool Contained = false);
