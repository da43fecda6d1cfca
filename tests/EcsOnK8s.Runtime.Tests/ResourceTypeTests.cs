using EcsOnK8s.Runtime.Kube;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.Runtime.Tests;

public sealed class ResourceTypeTests
{
    [Fact]
    public void Paths_CoreGroupNamedGroupAndClusterScoped_BuiltAsTheApiServerServesThem()
    {
        Assert.Equal("api/v1/namespaces/ns/configmaps/a", ResourceTypes.ConfigMap.ObjectPath(new ObjectKey("ns", "a")));
        Assert.Equal("apis/apps/v1/namespaces/ns/deployments", ResourceTypes.Deployment.CollectionPath("ns"));
        Assert.Equal("apis/apps/v1/deployments", ResourceTypes.Deployment.CollectionPath(null));
        Assert.Equal("api/v1/persistentvolumes/pv-1", ResourceTypes.PersistentVolume.ObjectPath(ObjectKey.Cluster("pv-1")));
        Assert.Throws<ArgumentException>(() => ResourceTypes.ConfigMap.ObjectPath(ObjectKey.Cluster("a")));
    }

    [Fact]
    public void For_ModelWithAttribute_UsesTableForScope()
    {
        Assert.Equal(ResourceTypes.PersistentVolume, ResourceType.For<V1PersistentVolume>());
        Assert.Equal(ResourceTypes.Deployment, ResourceType.For<V1Deployment>());
        Assert.Equal("batch/v1", ResourceType.For<V1Job>().ApiVersion);
    }

    [Fact]
    public void ObjectKey_ParseAndPrint_RoundTrip()
    {
        Assert.Equal(new ObjectKey("ns", "a"), ObjectKey.Parse("ns/a"));
        Assert.Equal(ObjectKey.Cluster("pv"), ObjectKey.Parse("pv"));
        Assert.Equal("ns/a", new ObjectKey("ns", "a").ToString());
        Assert.Equal("pv", ObjectKey.Cluster("pv").ToString());
    }
}
