using System.Security.Cryptography;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.IntegrationTests.Host;
using EcsOnK8s.IntegrationTests.Operator;
using EcsOnK8s.Testing.Common;
using k8s;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Install;

/// <summary>
/// The chart installed by the real Helm into a local control plane: every object created, CRDs included; the
/// operator with nothing but the chart's ServiceAccount reconciling the README's sample; upgrades updating the CRDs;
/// uninstall keeping them when asked to.
/// </summary>
[Collection(InstallCollection.Name)]
public sealed class HelmInstallTests(InstallFixture fixture)
{
    private const string Chart = "charts/ecsonk8s";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ReadmeHelmInstall_ThenTheSample_EveryObjectCreatedAndTheOperatorWithOnlyItsServiceAccountReconciles()
    {
        await fixture.ResetAsync();
        var kubeconfig = fixture.KubeconfigPath;
        var work = Directory.CreateTempSubdirectory("ecsonk8s-helm-install-").FullName;
        try
        {
            // helm install exactly as the README says.
            var install = Assert.Single(await ReadmeInstall.RunAsync(ReadmeInstall.HelmLine, kubeconfig));
            Assert.True(install.Succeeded, install.Describe());
            // The NOTES point at the README's first service.
            Assert.All(ReadmeInstall.Lines()[ReadmeInstall.SampleLine], c => Assert.Contains(string.Join(' ', c), install.StandardOutput, StringComparison.Ordinal));

            var manifest = (await Tool.HelmAsync(kubeconfig, "get", "manifest", "ecsonk8s", "--namespace", InstallFixture.BundleNamespace)).EnsureSucceeded();
            var objects = await LiveObjects.AssertAllExistAsync(kubeconfig, manifest.StandardOutput);
            Assert.Equal(InstallFixture.EcsCrdCount, objects.Count(o => (string?)o["kind"] == "CustomResourceDefinition"));
            await AssertCrdsEstablishedAsync();
            await WaitForOwnerKindsInAdmissionAsync();

            // The operator as the chart's Deployment runs it (its arguments), authenticated by a token of the chart's
            // ServiceAccount and nothing else: what it manages to do, the chart's RBAC allows.
            var deployment = await fixture.Client.AppsV1.ReadNamespacedDeploymentAsync("ecsonk8s", InstallFixture.BundleNamespace);
            var pod = deployment.Spec.Template.Spec;
            var serviceAccountKubeconfig = await ServiceAccountKubeconfigAsync(pod.ServiceAccountName, InstallFixture.BundleNamespace, Path.Combine(work, "sa.kubeconfig"));
            // The ECS API's certificate is mounted in the pod only: here the endpoint serves plain HTTP on a free port.
            var flags = pod.Containers.Single().Args
                .Where(a => !a.StartsWith("--metrics-port=", StringComparison.Ordinal) && !a.StartsWith("--bind-address=", StringComparison.Ordinal) && !a.StartsWith("--log-format=", StringComparison.Ordinal))
                .Where(a => !a.StartsWith("--ecs-api-tls-", StringComparison.Ordinal))
                .Select(a => a.StartsWith("--ecs-api-port=", StringComparison.Ordinal) ? "--ecs-api-port=0" : a)
                .ToArray();
            Assert.Contains("--ecs-api=true", flags);
            flags = [.. flags, "--ecs-api-allow-http=true"];
            Assert.Contains("--leader-election=true", flags);
            await using var operatorProcess = OperatorProcess.Start(serviceAccountKubeconfig, "helm-installed", Path.Combine(work, "operator.log"), flags);
            await operatorProcess.WaitReadyAsync(Patience);

            var sample = await ReadmeInstall.RunAsync(ReadmeInstall.SampleLine, kubeconfig);
            Assert.All(sample, r => Assert.True(r.Succeeded, r.Describe()));
            Assert.Equal(2, sample.Count);

            var ecs = new EcsClient(fixture.Client);
            var service = await OperatorScenario.EventuallyAsync(
                () => ecs.GetAsync<EcsService>("default", "web"),
                s => s?.Status?.ObservedGeneration == s?.Metadata.Generation && s?.Status?.Conditions?.Count > 0,
                "the sample EcsService's status for its generation", Patience);
            var children = await OperatorScenario.EventuallyAsync(
                () => fixture.Client.AppsV1.ListNamespacedDeploymentAsync("default"),
                list => list.Items.Any(d => d.Metadata.OwnerReferences?.Any(o => o.Uid == service!.Metadata.Uid && o.Controller == true) == true),
                "a Deployment owned by the sample EcsService", Patience);
            Assert.NotEmpty(children.Items);
            var autoscalers = await fixture.Client.AutoscalingV1.ListNamespacedHorizontalPodAutoscalerAsync("default");
            Assert.Contains(autoscalers.Items, h => h.Metadata.OwnerReferences?.Any(o => o.Uid == service!.Metadata.Uid) == true);

            // The Lease through the chart's leader election Role.
            var lease = await fixture.Client.CoordinationV1.ReadNamespacedLeaseAsync("ecsonk8s-operator", InstallFixture.BundleNamespace);
            Assert.StartsWith("helm-installed", lease.Spec.HolderIdentity, StringComparison.Ordinal);

            // Nothing it tried was refused: a 403 would show in its log.
            var log = operatorProcess.Tail(100_000);
            var refused = log.Split('\n').Where(l => l.Contains("forbidden", StringComparison.OrdinalIgnoreCase) || l.Contains(" 403", StringComparison.Ordinal)).ToList();
            Assert.True(refused.Count == 0, "refused requests in the operator's log:\n" + string.Join('\n', refused));

            (await Tool.KubectlAsync(kubeconfig, "delete", "-f", "samples/cluster.yaml", "-f", "samples/web-service.yaml", "--wait", "--timeout=60s")).EnsureSucceeded();
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public async Task HelmUpgrade_ChartWithAChangedCrd_UpdatesTheCrdInPlace()
    {
        await fixture.ResetAsync();
        var (release, ns) = await ReleaseAsync("upgrade");
        var chart = CopyChart();
        try
        {
            (await Tool.HelmAsync(fixture.KubeconfigPath, "install", release, chart, "--namespace", ns)).EnsureSucceeded();
            var before = await fixture.Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync("ecsclusters.ecsonk8s.io");
            Assert.DoesNotContain("ecs-upgrade-test", before.Spec.Names.Categories);
            var ecs = new EcsClient(fixture.Client);
            await ecs.CreateAsync(Namespaced<EcsCluster>(MinimalService.Cluster, ns));

            // A new category is a change of the CRD's spec that the API server takes as is.
            var template = Path.Combine(chart, "templates", "crds", "ecsonk8s.io_ecsclusters.yaml");
            var text = await File.ReadAllTextAsync(template);
            const string categories = "    categories:\n    - ecs\n";
            Assert.Contains(categories, text, StringComparison.Ordinal);
            await File.WriteAllTextAsync(template, text.Replace(categories, categories + "    - ecs-upgrade-test\n", StringComparison.Ordinal));

            (await Tool.HelmAsync(fixture.KubeconfigPath, "upgrade", release, chart, "--namespace", ns)).EnsureSucceeded();

            var after = await fixture.Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync("ecsclusters.ecsonk8s.io");
            Assert.Contains("ecs-upgrade-test", after.Spec.Names.Categories);
            Assert.Equal(before.Metadata.Uid, after.Metadata.Uid);
            Assert.Equal("default", (await ecs.GetAsync<EcsCluster>(ns, "default"))?.Metadata.Name);
        }
        finally
        {
            Directory.Delete(chart, recursive: true);
            await Tool.HelmAsync(fixture.KubeconfigPath, "uninstall", release, "--namespace", ns, "--ignore-not-found");
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task HelmUninstall_CrdsKeep_KeepsTheCrdsOnlyWhenAsked(bool keep)
    {
        await fixture.ResetAsync();
        var (release, ns) = await ReleaseAsync(keep ? "keep" : "nokeep");
        (await Tool.HelmAsync(fixture.KubeconfigPath, "install", release, Chart, "--namespace", ns, "--set", $"crds.keep={(keep ? "true" : "false")}")).EnsureSucceeded();
        Assert.Equal(InstallFixture.EcsCrdCount, (await fixture.EcsCrdNamesAsync()).Count);
        var ecs = new EcsClient(fixture.Client);
        await ecs.CreateAsync(Namespaced<EcsCluster>(MinimalService.Cluster, ns));

        var uninstall = await Tool.HelmAsync(fixture.KubeconfigPath, "uninstall", release, "--namespace", ns, "--wait");

        Assert.True(uninstall.Succeeded, uninstall.Describe());
        var roles = await fixture.Client.RbacAuthorizationV1.ListClusterRoleAsync(labelSelector: $"app.kubernetes.io/instance={release}");
        Assert.Empty(roles.Items);
        if (keep)
        {
            Assert.Equal(InstallFixture.EcsCrdCount, (await fixture.EcsCrdNamesAsync()).Count);
            Assert.Equal("default", (await ecs.GetAsync<EcsCluster>(ns, "default"))?.Metadata.Name);

            // The same release name takes the kept CRDs back (docs/install.md).
            (await Tool.HelmAsync(fixture.KubeconfigPath, "install", release, Chart, "--namespace", ns)).EnsureSucceeded();
            (await Tool.HelmAsync(fixture.KubeconfigPath, "uninstall", release, "--namespace", ns, "--wait")).EnsureSucceeded();

            // The complete removal of docs/install.md, as written there.
            (await Tool.KubectlAsync(fixture.KubeconfigPath, "delete", "ecs", "--all", "--all-namespaces", "--wait", "--timeout=60s")).EnsureSucceeded();
            Assert.Null(await ecs.GetAsync<EcsCluster>(ns, "default"));
            (await Tool.KubectlAsync(fixture.KubeconfigPath, "delete", "crd", "-l", "app.kubernetes.io/part-of=ecsonk8s", "--wait", "--timeout=60s")).EnsureSucceeded();
            Assert.Empty(await fixture.EcsCrdNamesAsync());
        }
        else
        {
            await Eventually.ValueAsync(fixture.EcsCrdNamesAsync, names => names.Count == 0, "the CRDs deleted with the release", Patience,
                describe: names => string.Join(", ", names));
        }
    }

    private async Task<(string Release, string Namespace)> ReleaseAsync(string purpose) =>
        ($"{purpose}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}", await fixture.CreateNamespaceAsync($"helm-{purpose}"));

    private async Task AssertCrdsEstablishedAsync()
    {
        foreach (var name in await fixture.EcsCrdNamesAsync())
        {
            await OperatorScenario.EventuallyAsync(
                () => fixture.Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(name),
                c => c.Status?.Conditions?.Any(x => x.Type == "Established" && x.Status == "True") == true,
                $"{name} Established", Patience);
        }
    }

    /// <summary>
    /// Waits until the API server's admission knows the owner kinds the CRDs just brought: OwnerReferencesPermissionEnforcement
    /// maps an owner reference's kind through a discovery cache the API server resets every 30 s, and refuses a child
    /// whose owner kind it cannot map yet (403, which the operator retries, but which the test counts as a refusal).
    /// Probed with a dry-run ConfigMap owned by each kind, as an administrator (so only the mapping can refuse it).
    /// </summary>
    private async Task WaitForOwnerKindsInAdmissionAsync()
    {
        foreach (var kind in (string[])[EcsCluster.KindName, EcsTaskDefinition.KindName, EcsService.KindName, EcsTask.KindName, EcsScheduledTask.KindName])
        {
            var probe = new V1ConfigMap
            {
                Metadata = new V1ObjectMeta
                {
                    GenerateName = "owner-probe-",
                    OwnerReferences = [new V1OwnerReference { ApiVersion = EcsOnK8s.Api.EcsApi.ApiVersion, Kind = kind, Name = "probe", Uid = "00000000-0000-0000-0000-000000000001", BlockOwnerDeletion = true }],
                },
            };
            await OperatorScenario.EventuallyAsync(
                async () =>
                {
                    try
                    {
                        await fixture.Client.CoreV1.CreateNamespacedConfigMapAsync(probe, "default", dryRun: "All");
                        return true;
                    }
                    catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Forbidden)
                    {
                        return false;
                    }
                },
                admitted => admitted, $"a child owned by a {kind} admitted", TimeSpan.FromSeconds(90));
        }
    }

    /// <summary>
    /// A kubeconfig that authenticates with a real token of the ServiceAccount, from the TokenRequest API: signed by
    /// the API server with the service account key, like the Secret tokens of 1.20's token controller, but needing
    /// no kube-controller-manager and expiring on its own. No impersonation: the API server authenticates the
    /// operator as the ServiceAccount. The file is readable by its owner only.
    /// </summary>
    private async Task<string> ServiceAccountKubeconfigAsync(string serviceAccount, string ns, string path)
    {
        var token = await fixture.Client.CoreV1.CreateNamespacedServiceAccountTokenAsync(
            new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec { Audiences = [], ExpirationSeconds = 3600 } }, serviceAccount, ns);
        var admin = KubernetesClientConfiguration.LoadKubeConfig(fixture.KubeconfigPath);
        var cluster = admin.Clusters.Single().ClusterEndpoint;
        var yaml = $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: local
              cluster:
                server: {cluster.Server}
                certificate-authority: {cluster.CertificateAuthority}
            users:
            - name: {serviceAccount}
              user:
                token: {token.Status.Token}
            contexts:
            - name: local
              context:
                cluster: local
                user: {serviceAccount}
            current-context: local
            """;
        // Owner-only before the token is in it.
        await File.WriteAllTextAsync(path, string.Empty);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        await File.WriteAllTextAsync(path, yaml);
        return path;
    }

    /// <summary>A copy of the chart in a temporary folder, for a test that changes it.</summary>
    private static string CopyChart()
    {
        var source = RepositoryRoot.Combine("charts", "ecsonk8s");
        var target = Directory.CreateTempSubdirectory("ecsonk8s-chart-").FullName;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        return target;
    }

    private static T Namespaced<T>(string yaml, string ns)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var resource = KubernetesYaml.Deserialize<T>(yaml);
        resource.Metadata.NamespaceProperty = ns;
        return resource;
    }
}
