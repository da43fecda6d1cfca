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
    public void AddEcsControllers_RegistersOneInvokerPerTargetKind()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IKubernetes>(new Kubernetes(new KubernetesClientConfiguration { Host = "http://127.0.0.1:1" }));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddEcsControllers();
        using var provider = services.BuildServiceProvider();
        var invokers = provider.GetServices<IEventTargetInvoker>().ToList();
        var ecsTask = new EventRuleTarget { Id = "a", EcsTask = new EcsTaskTarget { TaskDefinition = "t" } };
        var http = new EventRuleTarget { Id = "b", Http = new HttpTarget { Url = "https://example.com" } };

        Assert.IsType<EcsTaskTargetInvoker>(Assert.Single(invokers, i => i.Handles(ecsTask)));
        Assert.IsType<HttpTargetInvoker>(Assert.Single(invokers, i => i.Handles(http)));
        Assert.Equal(2, invokers.Count);
    }
}
