using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Testing;
using k8s;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Operator;

/// <summary>
/// Two services whose task definitions name the same task role and EFS file system share one ServiceAccount and
/// one claim. They belong to the EcsCluster (even under the Delete retention policy), so no service takes them from
/// the other; both services render them alike, so neither rewrites them; deleted by hand, they come back.
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class SharedChildrenTests(KubeFixture fixture)
{
    private const string TaskDefinitionSpec = """
        spec:
          taskRoleArn: "arn:aws:iam::123456789012:role/shared"
          volumes: [{name: data, efsVolumeConfiguration: {fileSystemId: fs-0123456789abcdef0} }]
          containerDefinitions: [{name: app, image: "nginx:1.27", memory: 128, mountPoints: [{sourceVolume: data, containerPath: /data}] }]
        """;

    [Fact]
    public async Task SharedRoleAndVolume_OwnedByTheCluster_WrittenOnce_RestoredWhenDeleted()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "op-shared");
        var cluster = await s.CreateAsync<EcsCluster>(
            "apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsCluster\nmetadata: {name: default}\nspec: {storage: {retentionPolicy: Delete}}");
        foreach (var name in (string[])["web", "api"])
        {
            await s.CreateAsync<EcsTaskDefinition>($"apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsTaskDefinition\nmetadata: {{name: {name}}}\n{TaskDefinitionSpec}");
            await s.CreateAsync<EcsService>($"apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsService\nmetadata: {{name: {name}}}\nspec: {{taskDefinition: {name}, desiredCount: 1}}");
        }

        await OperatorScenario.EventuallyAsync(() => s.DeploymentAsync("web"), d => d is not null, "web's Deployment");
        await OperatorScenario.EventuallyAsync(() => s.DeploymentAsync("api"), d => d is not null, "api's Deployment");
        var account = await OperatorScenario.EventuallyAsync(
            () => ManagedAsync(s, c => c.CoreV1.ListNamespacedServiceAccountAsync(s.Namespace), a => a.Items), a => a is not null, "the ServiceAccount");
        var claim = await OperatorScenario.EventuallyAsync(
            () => ManagedAsync(s, c => c.CoreV1.ListNamespacedPersistentVolumeClaimAsync(s.Namespace), l => l.Items), c => c is not null, "the claim");
        foreach (var shared in (IKubernetesObject<V1ObjectMeta>[])[account!, claim!])
        {
            var owner = Assert.Single(shared.Metadata.OwnerReferences);
            Assert.Equal((EcsCluster.KindName, cluster.Metadata.Uid, true), (owner.Kind, owner.Uid, owner.Controller));
            Assert.DoesNotContain(WellKnownLabels.Service, shared.Metadata.Labels.Keys);
        }

        // Both services converged: neither rewrites what the other wrote (a tug of war would never let the operator idle).
        await s.IdleAsync();
        var accountVersion = (await s.Client.CoreV1.ReadNamespacedServiceAccountAsync(account!.Metadata.Name, s.Namespace)).Metadata.ResourceVersion;
        var claimVersion = (await s.Client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync(claim!.Metadata.Name, s.Namespace)).Metadata.ResourceVersion;
        await s.IdleAsync();
        Assert.Equal(accountVersion, (await s.Client.CoreV1.ReadNamespacedServiceAccountAsync(account.Metadata.Name, s.Namespace)).Metadata.ResourceVersion);
        Assert.Equal(claimVersion, (await s.Client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync(claim.Metadata.Name, s.Namespace)).Metadata.ResourceVersion);

        // Deleted by hand, the ServiceAccount is written again by the services that use it.
        await s.Client.CoreV1.DeleteNamespacedServiceAccountAsync(account.Metadata.Name, s.Namespace);
        var restored = await OperatorScenario.EventuallyAsync(
            () => ManagedAsync(s, c => c.CoreV1.ListNamespacedServiceAccountAsync(s.Namespace), a => a.Items),
            a => a is not null && a.Metadata.Uid != account.Metadata.Uid,
            "the ServiceAccount restored");
        Assert.Equal(cluster.Metadata.Uid, Assert.Single(restored!.Metadata.OwnerReferences).Uid);
    }

    /// <summary>The one object of a kind the operator manages in the namespace (the default ServiceAccount is not one).</summary>
    private static async Task<T?> ManagedAsync<TList, T>(OperatorScenario s, Func<IKubernetes, Task<TList>> list, Func<TList, IList<T>> items)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        items(await list(s.Client)).SingleOrDefault(o => o.Metadata.Labels?.ContainsKey("app.kubernetes.io/managed-by") == true);
}
