namespace EcsOnK8s.Api.V1Alpha1;

/// <summary>A status that carries Kubernetes-style conditions (Ready, Progressing, Degraded).</summary>
public interface IConditionsStatus
{
    List<Condition>? Conditions { get; set; }
}
