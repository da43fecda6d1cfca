using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Controllers.Tests.Support;
using k8s;

namespace EcsOnK8s.Controllers.Tests.Common;

public class TaskDefinitionWaitersTests
{
    [Theory]
    // observed generation (the spec's is 1), latest revision in the status, that revision cached, released
    [InlineData(0L, null, false, false)]
    [InlineData(1L, null, false, true)]
    [InlineData(1L, 1, true, true)]
    [InlineData(1L, 1, false, false)]
    [InlineData(1L, 2, true, false)]
    public async Task Release_StatusWrite_WaitersQueuedOnlyWhenTheDecisionIsVisible(long observed, int? latest, bool revisionCached, bool released)
    {
        var td = Seeds.TaskDefinition(seen: false);
        object[] objects = revisionCached ? [td, Seeds.Revision(td, 1)] : [td];
        await using var world = await ReconcilerWorld.StartAsync(objects);
        var waiters = new TaskDefinitionWaiters(world.Informers);
        Assert.True(waiters.Wait(td.Metadata, "web", ReconcilerWorld.Key("a")));
        Assert.True(waiters.Wait(td.Metadata, "web", ReconcilerWorld.Key("b")));
        Assert.True(waiters.Wait(td.Metadata, "other", ReconcilerWorld.Key("c")));

        var written = KubernetesJson.Deserialize<EcsTaskDefinition>(KubernetesJson.Serialize(td));
        written.Status = new EcsTaskDefinitionStatus { ObservedGeneration = observed, LatestRevision = latest };
        var keys = waiters.Release(written);

        Assert.Equal(released ? [ReconcilerWorld.Key("a"), ReconcilerWorld.Key("b")] : [], keys.OrderBy(k => k.Name, StringComparer.Ordinal));
        Assert.Equal(released ? 1 : 3, waiters.Count);
    }

    [Fact]
    public async Task Wait_DecisionAlreadyCached_FalseSoTheWorkloadLooksAgainAtOnce()
    {
        await using var world = await ReconcilerWorld.StartAsync(Seeds.TaskDefinition(seen: true));
        var waiters = new TaskDefinitionWaiters(world.Informers);

        Assert.False(waiters.Wait(Seeds.TaskDefinition().Metadata, "web", ReconcilerWorld.Key("a")));
    }

    [Fact]
    public async Task Wait_AnotherFamilyOrForgotten_WaitsForOneFamilyAtMost()
    {
        var td = Seeds.TaskDefinition(seen: false);
        await using var world = await ReconcilerWorld.StartAsync(td);
        var waiters = new TaskDefinitionWaiters(world.Informers);
        var decided = KubernetesJson.Deserialize<EcsTaskDefinition>(KubernetesJson.Serialize(td));
        decided.Status = new EcsTaskDefinitionStatus { ObservedGeneration = 1 };

        waiters.Wait(td.Metadata, "web", ReconcilerWorld.Key("a"));
        waiters.Wait(td.Metadata, "other", ReconcilerWorld.Key("a"));
        Assert.Empty(waiters.Release(decided));
        waiters.Wait(td.Metadata, "web", ReconcilerWorld.Key("b"));
        waiters.Forget(ReconcilerWorld.Key("b"));
        Assert.Empty(waiters.Release(decided));
        Assert.Equal(1, waiters.Count);
    }
}
