using EcsOnK8s.Testing;
using EcsOnK8s.Testing.Common;
using k8s;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Harness;

[Collection(EndToEndCollection.Name)]
public sealed class HollowNodeTests
{
    private readonly EndToEndFixture _fixture;

    public HollowNodeTests(EndToEndFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Nodes_EndToEndFixture_AreReady()
    {
        var nodes = await _fixture.Client.CoreV1.ListNodeAsync();

        var ready = nodes.Items.Where(n => n.Status.Conditions.Any(c => c.Type == "Ready" && c.Status == "True")).ToList();
        if (_fixture.Backend == KubeBackend.Local)
        {
            Assert.Equal(EndToEndFixture.NodeCount, ready.Count);
            Assert.All(ready, n => Assert.StartsWith("hollow-node-", n.Metadata.Name, StringComparison.Ordinal));
        }
        else
        {
            Assert.NotEmpty(ready);
        }
    }

    [Fact]
    public async Task Deployment_ThreeReplicas_GetsThreeRunningPodsOnNodes()
    {
        var ns = await _fixture.CreateNamespaceAsync("harness-deployment");
        var labels = new Dictionary<string, string> { ["app"] = "harness-web" };
        var deployment = new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1DeploymentSpec
            {
                Replicas = 3,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "web", Image = "nginx:1.27" }] },
                },
            },
        };
        await _fixture.Client.AppsV1.CreateNamespacedDeploymentAsync(deployment, ns);

        var running = await Eventually.ValueAsync(
            async () => (await _fixture.Client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: "app=harness-web")).Items.Where(p => p.Status?.Phase == "Running").ToList(),
            pods => pods.Count >= 3,
            "3 running pods",
            TimeSpan.FromSeconds(90),
            poll: TimeSpan.FromMilliseconds(500),
            describe: pods => $"{pods.Count} running: {string.Join(", ", pods.Select(p => p.Metadata.Name))}");

        Assert.Equal(3, running.Count);
        Assert.All(running, p => Assert.False(string.IsNullOrEmpty(p.Spec.NodeName)));
        if (_fixture.Backend == KubeBackend.Local)
        {
            Assert.All(running, p => Assert.StartsWith("hollow-node-", p.Spec.NodeName, StringComparison.Ordinal));
        }

        var status = (await _fixture.Client.AppsV1.ReadNamespacedDeploymentAsync("web", ns)).Status;
        Assert.Equal(3, status.Replicas);
    }
}
