using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Testing;
using k8s;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Operator;

/// <summary>
/// The applier's skip at start-up: a child edited by hand while the operator was down is reverted once it starts,
/// and the children nobody changed (or that others wrote only fields the operator does not set) are not written.
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class RestartSkipTests(KubeFixture fixture)
{
    private const string Cluster = """
        apiVersion: ecsonk8s.io/v1alpha1
        kind: EcsCluster
        metadata: {name: default}
        """;

    private const string TaskDefinition = """
        apiVersion: ecsonk8s.io/v1alpha1
        kind: EcsTaskDefinition
        metadata: {name: web}
        spec:
          family: web
          networkMode: awsvpc
          requiresCompatibilities: [FARGATE]
          cpu: "256"
          memory: "512"
          containerDefinitions:
          - name: app
            image: nginx:1.27
            portMappings: [{containerPort: 8080, name: http}]
        """;

    private static string Service(string name) => $$"""
        apiVersion: ecsonk8s.io/v1alpha1
        kind: EcsService
        metadata: {name: {{name}}}
        spec:
          taskDefinition: web
          desiredCount: 2
          launchType: FARGATE
        """;

    [Fact]
    public async Task Restart_ChildEditedWhileDown_RevertedAndTheOthersNotWritten()
    {
        string ns;
        await using (var first = await OperatorScenario.StartAsync(fixture, "op-restart-skip"))
        {
            ns = first.Namespace;
            await first.CreateAsync<EcsCluster>(Cluster);
            await first.CreateAsync<EcsTaskDefinition>(TaskDefinition);
            await first.CreateAsync<EcsService>(Service("edited"));
            await first.CreateAsync<EcsService>(Service("touched"));
            await first.CreateAsync<EcsService>(Service("untouched"));
            foreach (var name in (string[])["edited", "touched", "untouched"])
            {
                await OperatorScenario.EventuallyAsync(() => first.ServiceAsync(name), x => x?.Status?.Deployments is { Count: 1 }, $"{name}'s status");
            }

            await first.IdleAsync();
            await first.StopOperatorAsync();
        }

        var apps = fixture.Client.AppsV1;
        var edited = await apps.ReadNamespacedDeploymentAsync("edited", ns);
        edited.Spec.Template.Spec.Containers[0].Image = "evil:latest";
        await apps.ReplaceNamespacedDeploymentAsync(edited, "edited", ns);
        // Another client's write to fields the operator does not set: not a reason to apply again.
        var touched = await apps.ReadNamespacedDeploymentAsync("touched", ns);
        touched.Metadata.Annotations["example.com/note"] = "written by someone else";
        touched.Spec.RevisionHistoryLimit = 3;
        await apps.ReplaceNamespacedDeploymentAsync(touched, "touched", ns);
        var before = await VersionsAsync(ns);

        await using var second = await OperatorScenario.ResumeAsync(fixture, ns);
        await OperatorScenario.EventuallyAsync(
            () => second.DeploymentAsync("edited"), d => d?.Spec.Template.Spec.Containers[0].Image == "nginx:1.27", "the hand edit undone after the restart");
        await second.IdleAsync();

        // A server-side apply of unchanged content leaves the resourceVersion as it was: the requests tell.
        var metrics = await second.MetricsAsync();
        var writes = metrics.Split('\n')
            .Where(l => l.StartsWith("ecsonk8s_api_requests_total{", StringComparison.Ordinal)
                && ((string[])["POST", "PUT", "PATCH", "DELETE"]).Any(verb => l.Contains($"verb=\"{verb}\"", StringComparison.Ordinal)))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1, writes);
        var after = await VersionsAsync(ns);
        Assert.NotEqual(before["deployment/edited"], after["deployment/edited"]);
        before.Remove("deployment/edited");
        after.Remove("deployment/edited");
        Assert.Equal(before, after);
        var touchedAfter = await apps.ReadNamespacedDeploymentAsync("touched", ns);
        Assert.Equal(("written by someone else", 3), (touchedAfter.Metadata.Annotations["example.com/note"], touchedAfter.Spec.RevisionHistoryLimit));
    }

    /// <summary>The resourceVersion of every child kind the services render: any write changes it.</summary>
    private async Task<SortedDictionary<string, string>> VersionsAsync(string ns)
    {
        var versions = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var d in (await fixture.Client.AppsV1.ListNamespacedDeploymentAsync(ns)).Items)
        {
            versions[$"deployment/{d.Metadata.Name}"] = d.Metadata.ResourceVersion;
        }

        foreach (var r in (await fixture.Client.AppsV1.ListNamespacedControllerRevisionAsync(ns)).Items)
        {
            versions[$"revision/{r.Metadata.Name}"] = r.Metadata.ResourceVersion;
        }

        foreach (var h in (await fixture.Client.AutoscalingV1.ListNamespacedHorizontalPodAutoscalerAsync(ns)).Items)
        {
            versions[$"hpa/{h.Metadata.Name}"] = h.Metadata.ResourceVersion;
        }

        foreach (var a in (await fixture.Client.CoreV1.ListNamespacedServiceAccountAsync(ns)).Items.Where(a => a.Metadata.Name != "default"))
        {
            versions[$"serviceaccount/{a.Metadata.Name}"] = a.Metadata.ResourceVersion;
        }

        return versions;
    }
}
