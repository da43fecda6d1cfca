using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Controllers.Events;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcsOnK8s.Controllers.Tests.Events;

public sealed class InvokerRegistrationTests
{
    [Fact]
    public void AddEcsControllers_RegistersTheEcsTaskInvoker_WhichHandlesOnlyEcsTaskTargets()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IKubernetes>(new Kubernetes(new KubernetesClientConfiguration { Host = "http://127.0.0.1:1" }));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddEcsControllers();
        using var provider = services.BuildServiceProvider();

        var invoker = Assert.Single(provider.GetServices<IEventTargetInvoker>());

        Assert.IsType<EcsTaskTargetInvoker>(invoker);
        Assert.True(invoker.Handles(new EventRuleTarget { Id = "a", EcsTask = new EcsTaskTarget { TaskDefinition = "t" } }));
        Assert.False(invoker.Handles(new EventRuleTarget { Id = "b", Http = new HttpTarget { Url = "https://example.com" } }));
    }
}
