using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Testing;
using k8s;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Operator;

/// <summary>
/// Two services whose task definitions name the same task role and EFS file system share one ServiceAccount and
/// one claim: each service owns them (no controller), and they go when the last service stops using them.
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class SharedChildrenTests(KubeFixture fixture)
{
    private const string Role = "arn:aws:iam::123456789012:role/shared";

    private static string TaskDefinition(string family, bool withSharedVolumeAndRole) => withSharedVolumeAndRole
        ? $$"""
            apiVersion: ecsonk8s.io/v1alpha1
            kind: EcsTaskDefinition
            metadata: {name: {{family}}}
            spec:
              taskRoleArn: "{{Role}}"
              volumes: [{name: data, efsVolumeConfiguration: {fileSystemId: fs-0123456789abcdef0} }]
              containerDefinitions: [{name: app, image: "nginx:1.27", memory: 128, mountPoints: [{sourceVolume: data, containerPath: /data}] }]
            """
        : $$"""
            apiVersion: ecsonk8s.io/v1alpha1
            kind: EcsTaskDefinition
            metadata: {name: {{family}}}
            spec:
              containerDefinitions: [{name: app, image: "nginx:1.27", memory: 128}]
            """;

    private static string Service(string name) => $$"""
        apiVersion: ecsonk8s.io/v1alpha1
        kind: EcsService
        metadata: {name: {{name}}}
        spec: {taskDefinition: "{{name}}", desiredCount: 1}
        """;

    [Fact]
    public async Task SharedRoleAndVolume_OwnedByBothServices_ReleasedByEach_GoneWithTheLast()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "op-shared");
        await s.CreateAsync<EcsCluster>("apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsCluster\nmetadata: {name: default}\nspec: {storage: {retentionPolicy: Delete}}");
        foreach (var name in (string[])["web", "api"])
        {
            await s.CreateAsync<EcsTaskDefinition>(TaskDefinition(name, withSharedVolumeAndRole: true));
            await s.CreateAsync<EcsService>(Service(name));
        }

        var web = await OperatorScenario.EventuallyAsync(() => s.ServiceAsync("web"), x => x?.Status?.TaskDefinition is not null, "web rendered");
        var api = await OperatorScenario.EventuallyAsync(() => s.ServiceAsync("api"), x => x?.Status?.TaskDefinition is not null, "api rendered");
        var owners = new[] { web!.Metadata.Uid, api!.Metadata.Uid }.Order().ToArray();

        var account = await OperatorScenario.EventuallyAsync(
            () => SharedAsync(s, c => c.CoreV1.ListNamespacedServiceAccountAsync(s.Namespace), a => a.Items),
            a => a is not null && OwnerUids(a).SequenceEqual(owners),
            "the ServiceAccount owned by both services");
        var claim = await OperatorScenario.EventuallyAsync(
            () => SharedAsync(s, c => c.CoreV1.ListNamespacedPersistentVolumeClaimAsync(s.Namespace), l => l.Items),
            c => c is not null && OwnerUids(c).SequenceEqual(owners),
            "the claim owned by both services");
        Assert.All(account!.Metadata.OwnerReferences.Concat(claim!.Metadata.OwnerReferences), r => Assert.NotEqual(true, r.Controller));
        Assert.Equal(Role, account.Metadata.Annotations[WellKnownAnnotations.EksRoleArn]);

        // Both services converged: neither rewrites what the other wrote.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var accountVersion = (await s.Client.CoreV1.ReadNamespacedServiceAccountAsync(account.Metadata.Name, s.Namespace)).Metadata.ResourceVersion;
        var claimVersion = (await s.Client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync(claim.Metadata.Name, s.Namespace)).Metadata.ResourceVersion;
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(accountVersion, (await s.Client.CoreV1.ReadNamespacedServiceAccountAsync(account.Metadata.Name, s.Namespace)).Metadata.ResourceVersion);
        Assert.Equal(claimVersion, (await s.Client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync(claim.Metadata.Name, s.Namespace)).Metadata.ResourceVersion);

        // web stops using them: its references go, api's stay.
        await StopSharingAsync(s, "web");
        await OperatorScenario.EventuallyAsync(
            () => s.Client.CoreV1.ReadNamespacedServiceAccountAsync(account.Metadata.Name, s.Namespace),
            a => OwnerUids(a).SequenceEqual([api.Metadata.Uid]),
            "the ServiceAccount owned by api alone");
        await OperatorScenario.EventuallyAsync(
            () => s.Client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync(claim.Metadata.Name, s.Namespace),
            c => OwnerUids(c).SequenceEqual([api.Metadata.Uid]),
            "the claim owned by api alone");

        // api stops too: nobody owns them any more, so the operator deletes them.
        await StopSharingAsync(s, "api");
        await OperatorScenario.EventuallyAsync(
            () => SharedAsync(s, c => c.CoreV1.ListNamespacedServiceAccountAsync(s.Namespace), a => a.Items),
            a => a is null,
            "the ServiceAccount deleted");

        // The API server's storage-object-in-use protection keeps a deleted claim until the controller manager
        // (absent here) removes its finalizer, so a claim being deleted counts as gone.
        await OperatorScenario.EventuallyAsync(
            () => SharedAsync(s, c => c.CoreV1.ListNamespacedPersistentVolumeClaimAsync(s.Namespace), l => l.Items),
            c => c is null || c.Metadata.DeletionTimestamp is not null,
            "the claim deleted");
    }

    // A merge patch with nulls, which remove the fields (the typed helpers leave nulls out).
    private static Task<object> StopSharingAsync(OperatorScenario s, string family) =>
        s.Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""{"spec": {"taskRoleArn": null, "volumes": null, "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "memory": 128}]}}""", V1Patch.PatchType.MergePatch),
            EcsApi.Group, EcsApi.Version, s.Namespace, "ecstaskdefinitions", family);

    private static string[] OwnerUids(IKubernetesObject<V1ObjectMeta> o) =>
        [.. (o.Metadata.OwnerReferences ?? []).Select(r => r.Uid).Order()];

    /// <summary>The one object of a kind the operator manages in the namespace (the default ServiceAccount is not one).</summary>
    private static async Task<T?> SharedAsync<TList, T>(OperatorScenario s, Func<IKubernetes, Task<TList>> list, Func<TList, IList<T>> items)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        items(await list(s.Client)).SingleOrDefault(o => o.Metadata.Labels?.ContainsKey("app.kubernetes.io/managed-by") == true);
}
