using EcsOnK8s.Controllers.Services;
using EcsOnK8s.Runtime;
using EcsOnK8s.Translation.Workloads.Keda;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Controllers.Tests.Services;

public class KedaObjectsLeftTests
{
    private static readonly ObjectKey s_service = new("team-a", "api");

    private static IKubernetesObject<V1ObjectMeta>[] Objects(string names) =>
    [
        .. names.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(n => n switch
        {
            "so" => (IKubernetesObject<V1ObjectMeta>)new ScaledObject { Metadata = new() { Name = "api" } },
            "ta" => new TriggerAuthentication { Metadata = new() { Name = "api" } },
            _ => new V2HorizontalPodAutoscaler { Kind = "HorizontalPodAutoscaler", Metadata = new() { Name = n } },
        }),
    ];

    [Theory]
    // left (null: nothing remembered), uid then, rendered now, uid now, prune needed
    [InlineData(null, "u1", "so,ta", "u1", true)]
    [InlineData("so,ta", "u1", "so,ta", "u1", false)]
    [InlineData("so", "u1", "so,ta", "u1", false)]
    [InlineData("", "u1", "so,ta", "u1", false)]
    [InlineData("so,ta", "u1", "so", "u1", true)]
    [InlineData("so,ta", "u1", "hpa", "u1", true)]
    [InlineData("", "u1", "hpa", "u1", false)]
    [InlineData("so,ta", "u1", "so,ta", "u2", true)]
    public void NeedPrune_WhatWasLeftAndWhatIsRendered_ListOnlyWhenSomethingMayGo(string? left, string uidThen, string rendered, string uidNow, bool expected)
    {
        var memory = new KedaObjectsLeft();
        if (left is not null)
        {
            memory.Remember(s_service, uidThen, Objects(left));
        }

        Assert.Equal(expected, memory.NeedPrune(s_service, uidNow, Objects(rendered)));
    }

    [Fact]
    public void NeedPrune_Forgotten_ListsAgain()
    {
        var memory = new KedaObjectsLeft();
        memory.Remember(s_service, "u1", Objects("so"));
        memory.Forget(s_service);

        Assert.True(memory.NeedPrune(s_service, "u1", Objects("so")));
    }
}
