using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Services;
using EcsOnK8s.Controllers.Tests.Support;

namespace EcsOnK8s.Controllers.Tests.Services;

/// <summary>An auto scaled service without desiredCount gets one, so that the HPA can read its scale subresource.</summary>
public class DesiredCountSeedTests
{
    public static TheoryData<string, string?> Specs => new()
    {
        // spec, the desiredCount patch expected (null: none)
        { """{"cluster": "prod", "taskDefinition": "web", "autoScaling": {"minCapacity": 3, "maxCapacity": 6}}""", """{"metadata":{"resourceVersion":"1"},"spec":{"desiredCount":3}}""" },
        { """{"cluster": "prod", "taskDefinition": "web", "desiredCount": 2, "autoScaling": {"minCapacity": 3, "maxCapacity": 6}}""", null },
        { """{"cluster": "prod", "taskDefinition": "web"}""", null },
        { """{"cluster": "prod", "taskDefinition": "web", "schedulingStrategy": "DAEMON", "autoScaling": {"minCapacity": 3, "maxCapacity": 6}}""", null },
    };

    [Theory]
    [MemberData(nameof(Specs))]
    public async Task ReconcileAsync_Spec_SeedsDesiredCountOnlyWhenAutoScaledWithoutOne(string spec, string? expected)
    {
        var td = Seeds.TaskDefinition();
        var service = Seeds.Service(spec);
        service.Metadata.ResourceVersion = "1";
        await using var world = await ReconcilerWorld.StartAsync(Seeds.Cluster(), td, Seeds.Revision(td, 1), service);

        await new ServiceReconciler(world.Informers, world.Writer, world.Events, world.Capabilities, world.Time)
            .ReconcileAsync(ReconcilerWorld.Key("api"), CancellationToken.None);

        var patches = world.Writer.Patched.Where(p => p.Type.Kind == EcsService.KindName).Select(p => p.Patch).ToList();
        Assert.Equal(expected is null ? [] : [expected], patches);
    }
}
