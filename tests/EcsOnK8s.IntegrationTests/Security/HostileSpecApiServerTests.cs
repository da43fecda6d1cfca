using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.IntegrationTests.Operator;
using EcsOnK8s.Testing;
using EcsOnK8s.Testing.Common;
using EcsOnK8s.Testing.Common.Security;
using k8s;
using k8s.Models;
using Xunit;
using Xunit.Abstractions;

namespace EcsOnK8s.IntegrationTests.Security;

/// <summary>
/// The hostile spec table (HostileSpecs) through the operator on the real API server, under the implicit default
/// cluster (every privilege denied): every service is refused with a condition naming the field, and no pod-bearing
/// child (Deployment, DaemonSet, Job, CronJob, pod) is ever written.
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class HostileSpecApiServerTests(KubeFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task HostileSpecs_UnderTheDefaultPolicy_EachRefusedNamingTheFieldAndNoPodBearingChildWritten()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "hostile");
        var cases = HostileSpecs.All.Where(c => !c.Contained).Select((c, i) => (Case: c, Family: $"h{i}")).ToList();
        foreach (var (hostile, family) in cases)
        {
            var spec = hostile.TaskDefinition();
            spec.Family = family;
            await s.Ecs.CreateAsync(new EcsTaskDefinition { Metadata = new V1ObjectMeta { Name = family, NamespaceProperty = s.Namespace }, Spec = spec });
            var service = hostile.Service();
            service.Metadata.NamespaceProperty = s.Namespace;
            service.Metadata.Name = hostile.Name;
            service.Spec.TaskDefinition = family;
            await s.Ecs.CreateAsync(service);
        }

        var atRegistration = 0;
        foreach (var (hostile, family) in cases)
        {
            // Refused on the service (policy, or what the API server would refuse), or, for what no cluster may
            // allow (host devices), already when the task definition registers: the service then waits for a revision.
            var (where, refusal) = await Eventually.ValueAsync(
                async () => (
                    Service: OperatorScenario.ConditionOf((await s.ServiceAsync(hostile.Name))?.Status?.Conditions, ConditionTypes.Degraded),
                    TaskDefinition: OperatorScenario.ConditionOf((await s.TaskDefinitionAsync(family))?.Status?.Conditions, ConditionTypes.Degraded)),
                x => x.Service?.Status == "True" || x.TaskDefinition?.Status == "True",
                $"{hostile.Name} to be refused",
                TimeSpan.FromSeconds(60),
                describe: x => $"service {x.Service?.Message}; task definition {x.TaskDefinition?.Message}") switch
            {
                { Service.Status: "True" } x => ("service", x.Service!),
                var x => ("task definition", x.TaskDefinition!),
            };
            atRegistration += where == "task definition" ? 1 : 0;
            var field = where == "service" ? hostile.Field : hostile.Field["taskDefinition.".Length..];
            var message = refusal?.Message ?? string.Empty;
            Assert.True(message.Contains(field, StringComparison.Ordinal), $"{hostile.Name}: the {where}'s condition does not name {field}: {message}");
            Assert.Contains(refusal?.Reason, (string[])[ConditionReasons.PolicyRefused, ConditionReasons.TranslationRejected, ConditionReasons.InvalidSpec]);
        }

        await s.IdleAsync();
        Assert.Empty((await s.Client.AppsV1.ListNamespacedDeploymentAsync(s.Namespace)).Items);
        Assert.Empty((await s.Client.AppsV1.ListNamespacedDaemonSetAsync(s.Namespace)).Items);
        Assert.Empty((await s.Client.BatchV1.ListNamespacedJobAsync(s.Namespace)).Items);
        Assert.Empty((await s.Client.CoreV1.ListNamespacedPodAsync(s.Namespace)).Items);
        output.WriteLine($"{cases.Count} hostile specs: {cases.Count} refused with the field named ({atRegistration} when the task definition registered), 0 pod-bearing children written");
    }
}
