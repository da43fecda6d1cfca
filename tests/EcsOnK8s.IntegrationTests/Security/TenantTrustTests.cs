using System.Net;
using System.Security.Cryptography;
using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.IntegrationTests.Host;
using EcsOnK8s.IntegrationTests.Operator;
using EcsOnK8s.Testing;
using EcsOnK8s.Testing.Common;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Security;

/// <summary>
/// The tenant trust model on the real API server with RBAC on: a namespace editor (impersonated, bound to the chart's
/// aggregated edit and view roles) may write EcsClusters that ask for privilege but cannot write the cluster-scoped
/// EcsClusterPolicy, so its privileged service is refused; once a cluster admin writes an EcsClusterPolicy for the
/// namespace, the same service renders.
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class TenantTrustTests(KubeFixture fixture)
{
    private const string Editor = "alice@example.com";

    [Fact]
    public async Task NamespaceEditor_CannotGrantPrivilege_ClusterAdminCan()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "tenant");
        var roles = await CreateChartUserRolesAsync();
        Assert.All(roles, r => Assert.DoesNotContain(r.Rules, rule => rule.Resources.Any(x => x.StartsWith(EcsClusterPolicy.Plural, StringComparison.Ordinal))));
        Assert.Equal("true", roles.Single(r => r.Metadata.Name.EndsWith("-edit", StringComparison.Ordinal)).Metadata.Labels["rbac.authorization.k8s.io/aggregate-to-edit"]);

        // Without a controller manager nothing aggregates: bind the chart's roles as aggregation would add them to edit.
        foreach (var role in roles)
        {
            await s.Client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(
                new V1RoleBinding
                {
                    Metadata = new V1ObjectMeta { Name = role.Metadata.Name },
                    RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = role.Metadata.Name },
                    Subjects = [new Rbacv1Subject { Kind = "User", Name = Editor, ApiGroup = "rbac.authorization.k8s.io" }],
                },
                s.Namespace);
        }

        using var alice = Impersonating(Editor);
        await Eventually.TrueAsync(() => MayAsync(s.Namespace, "create", EcsCluster.Plural).GetAwaiter().GetResult(), "the editor's RoleBindings to be enforced");
        var aliceEcs = new EcsClient(alice);

        // The editor writes a cluster that allows privilege, a privileged task definition and a service.
        await aliceEcs.CreateAsync(Yaml<EcsCluster>(s.Namespace, """
            apiVersion: ecsonk8s.io/v1alpha1
            kind: EcsCluster
            metadata: {name: default}
            spec:
              policy: {allowPrivileged: true}
            """));
        await aliceEcs.CreateAsync(Yaml<EcsTaskDefinition>(s.Namespace, """
            apiVersion: ecsonk8s.io/v1alpha1
            kind: EcsTaskDefinition
            metadata: {name: web}
            spec:
              containerDefinitions:
              - {name: app, image: nginx, memory: 128, privileged: true}
            """));
        await aliceEcs.CreateAsync(Yaml<EcsService>(s.Namespace, """
            apiVersion: ecsonk8s.io/v1alpha1
            kind: EcsService
            metadata: {name: web}
            spec: {taskDefinition: web, desiredCount: 1}
            """));

        // ... but may neither write the bound nor label its namespace into one.
        var policyName = $"trust-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
        var denied = await Assert.ThrowsAsync<HttpOperationException>(() => CreatePolicyAsync(alice, policyName, s.Namespace));
        Assert.Equal(HttpStatusCode.Forbidden, denied.Response.StatusCode);
        denied = await Assert.ThrowsAsync<HttpOperationException>(() => alice.CoreV1.PatchNamespaceAsync(
            new V1Patch("""{"metadata":{"labels":{"tenant":"trusted"}}}""", V1Patch.PatchType.MergePatch), s.Namespace));
        Assert.Equal(HttpStatusCode.Forbidden, denied.Response.StatusCode);

        // Settled on the editor's cluster: a service reconciled before the EcsCluster reached the operator's cache is
        // refused under the implicit default cluster first (allowPrivileged false), then under the bound.
        var refused = await OperatorScenario.EventuallyAsync(
            async () => OperatorScenario.ConditionOf((await s.ServiceAsync("web"))?.Status?.Conditions, ConditionTypes.Degraded),
            c => c?.Status == "True" && c.Message?.Contains("no EcsClusterPolicy allows it", StringComparison.Ordinal) == true,
            "the privileged service to be refused by the bound");
        Assert.Equal(ConditionReasons.PolicyRefused, refused!.Reason);
        Assert.Contains("no EcsClusterPolicy allows it in namespace " + s.Namespace, refused.Message, StringComparison.Ordinal);
        var capped = await OperatorScenario.EventuallyAsync(
            async () => OperatorScenario.ConditionOf((await s.Ecs.GetAsync<EcsCluster>(s.Namespace, "default"))?.Status?.Conditions, ConditionTypes.PolicyCapped),
            c => c?.Status == "True",
            "the cluster to say its policy is capped");
        Assert.Equal(ConditionReasons.PolicyExceedsBound, capped!.Reason);
        Assert.Contains("spec.policy.allowPrivileged", capped.Message, StringComparison.Ordinal);
        Assert.Null(await s.DeploymentAsync("web"));

        // A cluster admin allows it: the same service renders, privileged, and the cap is lifted.
        await CreatePolicyAsync(s.Client, policyName, s.Namespace);
        try
        {
            var deployment = await OperatorScenario.EventuallyAsync(() => s.DeploymentAsync("web"), d => d is not null, "the Deployment once the bound allows privilege");
            Assert.True(deployment!.Spec.Template.Spec.Containers[0].SecurityContext.Privileged);
            await OperatorScenario.EventuallyAsync(
                async () => OperatorScenario.ConditionOf((await s.Ecs.GetAsync<EcsCluster>(s.Namespace, "default"))?.Status?.Conditions, ConditionTypes.PolicyCapped),
                c => c?.Status == "False" && c.Reason == ConditionReasons.WithinPolicyBound,
                "the cap to be lifted");
        }
        finally
        {
            await s.Client.CustomObjects.DeleteClusterCustomObjectAsync(EcsApi.Group, EcsApi.Version, EcsClusterPolicy.Plural, policyName);
        }
    }

    [Fact]
    public async Task EcsClusterPolicy_Status_AcceptedBoundsThenRefusedNamingTheField()
    {
        await using var s = await OperatorScenario.StartAsync(fixture, "policy-status");
        await s.CreateAsync<EcsCluster>("apiVersion: ecsonk8s.io/v1alpha1\nkind: EcsCluster\nmetadata: {name: default}\nspec: {}");
        var policyName = $"status-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
        await CreatePolicyAsync(s.Client, policyName, s.Namespace);
        try
        {
            var accepted = await OperatorScenario.EventuallyAsync(
                () => PolicyAsync(s.Client, policyName),
                p => p?.Status?.ClustersCount == 1 && OperatorScenario.ConditionOf(p.Status.Conditions, ConditionTypes.Ready)?.Status == "True",
                "the policy accepted, bounding one EcsCluster");
            Assert.Equal(accepted!.Metadata.Generation, accepted.Status.ObservedGeneration);
            Assert.Equal([$"{s.Namespace}/default"], accepted.Status.Clusters);
            Assert.Equal(ConditionReasons.Accepted, OperatorScenario.ConditionOf(accepted.Status.Conditions, ConditionTypes.Ready)!.Reason);

            // At rest, no write: the status is written only when it changes.
            await s.IdleAsync();
            var settled = await PolicyAsync(s.Client, policyName);
            await s.IdleAsync();
            Assert.Equal(settled!.Metadata.ResourceVersion, (await PolicyAsync(s.Client, policyName))!.Metadata.ResourceVersion);

            // An invalid allowance: refused naming the field, and it grants nothing.
            await s.Client.CustomObjects.PatchClusterCustomObjectAsync(
                new V1Patch("""{"spec":{"allow":{"allowedCapabilities":["net admin"]}}}""", V1Patch.PatchType.MergePatch),
                EcsApi.Group, EcsApi.Version, EcsClusterPolicy.Plural, policyName);
            var refused = await OperatorScenario.EventuallyAsync(
                () => PolicyAsync(s.Client, policyName),
                p => p?.Status?.ObservedGeneration == p?.Metadata.Generation && OperatorScenario.ConditionOf(p?.Status?.Conditions, ConditionTypes.Ready)?.Status == "False",
                "the policy refused");
            var ready = OperatorScenario.ConditionOf(refused!.Status.Conditions, ConditionTypes.Ready)!;
            Assert.Equal(ConditionReasons.InvalidSpec, ready.Reason);
            Assert.Contains("spec.allow.allowedCapabilities[0]: 'net admin' is not a Linux capability name", ready.Message, StringComparison.Ordinal);
            Assert.Equal(0, refused.Status.ClustersCount);
        }
        finally
        {
            await s.Client.CustomObjects.DeleteClusterCustomObjectAsync(EcsApi.Group, EcsApi.Version, EcsClusterPolicy.Plural, policyName);
        }
    }

    private static async Task<EcsClusterPolicy?> PolicyAsync(IKubernetes client, string name) =>
        KubernetesJson.Deserialize<EcsClusterPolicy>(KubernetesJson.Serialize(
            await client.CustomObjects.GetClusterCustomObjectAsync(EcsApi.Group, EcsApi.Version, EcsClusterPolicy.Plural, name)));

    private static Task<object> CreatePolicyAsync(IKubernetes client, string name, string ns) =>
        client.CustomObjects.CreateClusterCustomObjectAsync(
            new EcsClusterPolicy
            {
                Metadata = new V1ObjectMeta { Name = name },
                Spec = new EcsClusterPolicySpec { Namespaces = [ns], Allow = new ClusterPolicy { AllowPrivileged = true } },
            },
            EcsApi.Group,
            EcsApi.Version,
            EcsClusterPolicy.Plural);

    private async Task<List<V1ClusterRole>> CreateChartUserRolesAsync()
    {
        var fullname = $"trust-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}-ecsonk8s";
        var text = await File.ReadAllTextAsync(Path.Combine(ChartYaml.ChartDirectory, "templates", "aggregated-roles.yaml"));
        var rendered = ChartYaml.Render(text, new Dictionary<string, string> { ["include \"ecsonk8s.fullname\" ."] = fullname });
        var roles = new List<V1ClusterRole>();
        foreach (var document in rendered.Split("\n---", StringSplitOptions.RemoveEmptyEntries).Where(d => d.Contains("kind: ClusterRole", StringComparison.Ordinal)))
        {
            var role = KubernetesYaml.Deserialize<V1ClusterRole>(document);
            roles.Add(await fixture.Client.RbacAuthorizationV1.CreateClusterRoleAsync(role));
        }

        Assert.Equal(2, roles.Count);
        return roles;
    }

    private async Task<bool> MayAsync(string ns, string verb, string resource)
    {
        var review = await fixture.Client.AuthorizationV1.CreateSubjectAccessReviewAsync(new V1SubjectAccessReview
        {
            Spec = new V1SubjectAccessReviewSpec
            {
                User = Editor,
                Groups = ["system:authenticated"],
                ResourceAttributes = new V1ResourceAttributes { NamespaceProperty = ns, Verb = verb, Group = EcsApi.Group, Resource = resource },
            },
        });
        return review.Status.Allowed;
    }

    private Kubernetes Impersonating(string user) => new(fixture.Config, new ImpersonationHandler(user));

    private static T Yaml<T>(string ns, string yaml)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var resource = KubernetesYaml.Deserialize<T>(yaml);
        resource.Metadata.NamespaceProperty = ns;
        return resource;
    }

    /// <summary>Sends every request as <c>user</c> (the fixture's client is a cluster admin, which may impersonate).</summary>
    private sealed class ImpersonationHandler(string user) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add("Impersonate-User", user);
            request.Headers.Add("Impersonate-Group", "system:authenticated");
            return base.SendAsync(request, cancellationToken);
        }
    }
}
