using EcsOnK8s.Runtime;
using EcsOnK8s.Runtime.Apply;
using EcsOnK8s.Runtime.Informers;
using EcsOnK8s.Runtime.Reconciliation;
using k8s.Models;

namespace EcsOnK8s.IntegrationTests.Runtime;

/// <summary>A minimal controller's reconciler: every parent ConfigMap owns a child ConfigMap "&lt;parent&gt;-child" with its data.</summary>
internal sealed class ChildConfigMapReconciler(Store<V1ConfigMap> parents, ChildApplier applier) : IReconciler<V1ConfigMap>
{
    public const string ParentLabel = "test.ecsonk8s.io/parent";

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        if (parents.Get(key) is not { } parent || parent.Metadata.Labels?.ContainsKey(ParentLabel) != true)
        {
            return ReconcileResult.Done;
        }

        var child = new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = $"{parent.Metadata.Name}-child", NamespaceProperty = key.Namespace },
            Data = parent.Data is null ? null : new Dictionary<string, string>(parent.Data),
        };
        await applier.ApplyAsync(child, parent, cancellationToken);
        return ReconcileResult.Done;
    }
}
