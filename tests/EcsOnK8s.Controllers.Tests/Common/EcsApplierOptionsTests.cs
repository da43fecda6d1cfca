using EcsOnK8s.Api;
using EcsOnK8s.Controllers.Common;
using EcsOnK8s.Runtime.Apply;

namespace EcsOnK8s.Controllers.Tests.Common;

public class EcsApplierOptionsTests
{
    [Fact]
    public void Create_NamesFromTheApi()
    {
        var options = EcsApplierOptions.Create();

        Assert.Equal(
            ("ecsonk8s.io/desired-hash", "app.kubernetes.io/managed-by", "ecsonk8s", "ecsonk8s-operator"),
            (options.HashAnnotation, options.ManagedByLabel, options.ManagedByValue, options.FieldManager));
        Assert.Equal(WellKnownAnnotations.DesiredHash, options.HashAnnotation);
    }

    [Fact]
    public void RuntimeDefaults_SameAsTheOperators()
    {
        // The runtime cannot reference the Api; its defaults (for appliers built without options, as in its tests)
        // must not drift from what the operator writes.
        Assert.Equal(EcsApplierOptions.Create(), new ApplierOptions());
    }
}
