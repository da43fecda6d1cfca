using EcsOnK8s.Translation.Model;

namespace EcsOnK8s.Translation;

/// <summary>
/// The whole translation: from a task definition revision, one workload, its cluster and the cluster's
/// capabilities to the desired Kubernetes objects and the report. Pure and deterministic: no I/O, no clock, no
/// environment; the same request gives byte-identical output.
/// </summary>
public static class Renderer
{
    public static RenderResult Render(RenderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        throw new NotImplementedException("Renderer.Render is being written (issue 4).");
    }
}
