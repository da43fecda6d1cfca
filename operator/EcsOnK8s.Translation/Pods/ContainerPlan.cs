using EcsOnK8s.Api.V1Alpha1;
using k8s.Models;

namespace EcsOnK8s.Translation.Pods;

/// <summary>One ECS container on its way to a Kubernetes container.</summary>
internal sealed class ContainerPlan
{
    public ContainerPlan(int index, ContainerDefinition definition, string name, string path)
    {
        Index = index;
        Definition = definition;
        Name = name;
        Path = path;
        Container = new V1Container { Name = name };
    }

    public int Index { get; }

    public ContainerDefinition Definition { get; }

    /// <summary>The Kubernetes container name.</summary>
    public string Name { get; }

    /// <summary>
    /// Report path of the container definition, as the report files it (see TranslationReport.Filed): the paths
    /// below it are then made once each.
    /// </summary>
    public string Path { get; }

    public V1Container Container { get; }

    public bool Essential => Definition.Essential ?? true;

    /// <summary>How the container runs in the pod, decided from dependsOn.</summary>
    public ContainerRole Role { get; set; } = ContainerRole.Main;

    /// <summary>The probe built from the ECS health check, if any (startup probes reuse it).</summary>
    public V1Probe? HealthProbe { get; set; }

    public int HealthStartPeriod { get; set; }
}
