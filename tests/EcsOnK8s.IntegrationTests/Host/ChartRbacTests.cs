using EcsOnK8s.Testing.Common;
using System.Security.Cryptography;
using EcsOnK8s.Testing;
using k8s;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Host;

/// <summary>
/// The chart's ClusterRoles and leader election Role, created in the real API server and bound to a service
/// account; SubjectAccessReviews then ask the RBAC authorizer what that account may do.
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class ChartRbacTests
{
    private const string LeaseName = "ecsonk8s-operator";
    private readonly KubeFixture _fixture;

    public ChartRbacTests(KubeFixture fixture) => _fixture = fixture;

    public static TheoryData<string, string, string, string?, bool> Requests => new()
    {
        // verb, group, resource[/subresource], name, allowed (in the watched namespace unless cluster-scoped)
        { "list", "ecsonk8s.io", "ecsservices", null, true },
        { "watch", "ecsonk8s.io", "ecstaskdefinitions", null, true },
        { "patch", "ecsonk8s.io", "ecsservices/status", "web", true },
        { "update", "ecsonk8s.io", "ecstasks/status", "job", true },
        { "update", "ecsonk8s.io", "ecsservices", "web", false },
        { "patch", "ecsonk8s.io", "ecsservices", "web", true },
        { "delete", "ecsonk8s.io", "ecsclusters", "default", false },
        { "delete", "ecsonk8s.io", "ecsscheduledtasks", "nightly", true },
        { "delete", "ecsonk8s.io", "ecsservices", "web", false },
        { "update", "ecsonk8s.io", "ecsscheduledtasks", "nightly", false },
        { "create", "ecsonk8s.io", "ecstasks", null, true },
        { "delete", "ecsonk8s.io", "ecstasks", "run-1", false },
        { "create", "authentication.k8s.io", "tokenreviews", null, true },
        { "create", "authorization.k8s.io", "subjectaccessreviews", null, true },
        { "create", "apps", "deployments", null, true },
        { "delete", "apps", "daemonsets", "web", true },
        { "create", "apps", "controllerrevisions", null, true },
        { "patch", "", "services", "web", true },
        { "create", "", "serviceaccounts", null, true },
        { "create", "", "persistentvolumeclaims", null, true },
        { "create", "", "persistentvolumes", null, true },
        { "create", "autoscaling", "horizontalpodautoscalers", null, true },
        { "create", "batch", "cronjobs", null, true },
        { "delete", "batch", "jobs", "run-1", true },
        { "create", "external-secrets.io", "externalsecrets", null, true },
        { "create", "policy", "poddisruptionbudgets", null, true },
        { "delete", "elbv2.k8s.aws", "targetgroupbindings", "web-tg", true },
        { "patch", "gateway.networking.k8s.io", "httproutes", "web-tg", true },
        { "watch", "networking.k8s.io", "ingresses", null, true },
        { "create", "gateway.networking.k8s.io", "gateways", null, false },
        { "create", "networking.k8s.io", "ingressclasses", null, false },
        { "update", "elbv2.k8s.aws", "targetgroupbindings/status", "web-tg", false },
        // KEDA's objects of auto scaled services; installed integrations are found by discovery, not by reading CRDs.
        { "patch", "keda.sh", "scaledobjects", "web", true },
        { "delete", "keda.sh", "triggerauthentications", "web-aws", true },
        { "list", "apiextensions.k8s.io", "customresourcedefinitions", null, false },
        { "create", "", "events", null, true },
        { "delete", "", "pods", "web-1", true },
        { "list", "", "pods", null, true },
        { "create", "", "pods", null, false },
        { "patch", "", "pods", "web-1", false },
        // An http target's signing key is read by name (events.signingSecrets); Secrets are never listed or watched.
        { "get", "", "secrets", "signing-key", true },
        { "list", "", "secrets", null, false },
        { "watch", "", "secrets", null, false },
        // The EcsEventRules' delivery records and posted events waiting for delivery.
        { "create", "", "configmaps", null, true },
        { "patch", "", "configmaps", "ecsonk8s-rule-1", false },
        { "delete", "", "namespaces", "prod", false },
        { "create", "rbac.authorization.k8s.io", "clusterrolebindings", null, false },
        { "update", "apps", "deployments/scale", "web", false },
        { "update", "ecsonk8s.io", "ecsservices/finalizers", "web", true },
        { "update", "ecsonk8s.io", "ecstaskdefinitions/finalizers", "web", true },
        { "patch", "ecsonk8s.io", "ecsservices/finalizers", "web", false },
        { "update", "ecsonk8s.io", "ecseventrules/finalizers", "rule", false },
        // The tenant trust model: the bounds and the namespace labels they select by are read, never written; only
        // the bounds' status is.
        { "list", "ecsonk8s.io", "ecsclusterpolicies", null, true },
        { "update", "ecsonk8s.io", "ecsclusterpolicies/status", "default", true },
        // A task's refused pod: its Job's events are listed, never watched.
        { "list", "", "events", null, true },
        { "watch", "", "events", null, false },
        { "watch", "ecsonk8s.io", "ecsclusterpolicies", null, true },
        { "create", "ecsonk8s.io", "ecsclusterpolicies", null, false },
        { "update", "ecsonk8s.io", "ecsclusterpolicies", "default", false },
        { "watch", "", "namespaces", null, true },
        { "patch", "", "namespaces", "prod", false },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task OperatorRoles_Request_AllowedOnlyIfRendered(string verb, string group, string resource, string? name, bool allowed)
    {
        var setup = await SetUpAsync();
        var parts = resource.Split('/');
        var clusterScoped = parts[0] is "persistentvolumes" or "namespaces" or "ecsclusterpolicies" or "clusterrolebindings" or "tokenreviews" or "subjectaccessreviews";

        var answer = await setup.ReviewAsync(verb, group, parts[0], parts.Length > 1 ? parts[1] : null, clusterScoped ? null : setup.WatchedNamespace, name);

        Assert.Equal(allowed, answer);
    }

    [Fact]
    public async Task LeaderElectionRole_OnlyTheLeaseInTheReleaseNamespace()
    {
        var setup = await SetUpAsync();

        Assert.True(await setup.ReviewAsync("get", "coordination.k8s.io", "leases", null, setup.ReleaseNamespace, LeaseName));
        Assert.True(await setup.ReviewAsync("update", "coordination.k8s.io", "leases", null, setup.ReleaseNamespace, LeaseName));
        Assert.True(await setup.ReviewAsync("create", "coordination.k8s.io", "leases", null, setup.ReleaseNamespace, null));
        Assert.False(await setup.ReviewAsync("update", "coordination.k8s.io", "leases", null, setup.ReleaseNamespace, "kube-controller-manager"));
        Assert.False(await setup.ReviewAsync("delete", "coordination.k8s.io", "leases", null, setup.ReleaseNamespace, LeaseName));
        Assert.False(await setup.ReviewAsync("update", "coordination.k8s.io", "leases", null, setup.WatchedNamespace, LeaseName));
        Assert.False(await setup.ReviewAsync("list", "coordination.k8s.io", "leases", null, setup.ReleaseNamespace, null));
    }

    private static readonly SemaphoreSlim SetUpGate = new(1, 1);
    private static RbacSetup? s_setup;

    /// <summary>One release's RBAC per test run, shared by the cases (RBAC objects take a moment to be enforced).</summary>
    private async Task<RbacSetup> SetUpAsync()
    {
        await SetUpGate.WaitAsync();
        try
        {
            return s_setup ??= await RbacSetup.CreateAsync(_fixture);
        }
        finally
        {
            SetUpGate.Release();
        }
    }

    private sealed class RbacSetup
    {
        private readonly IKubernetes _client;
        private readonly string _user;
        private readonly List<string> _groups;

        private RbacSetup(IKubernetes client, string releaseNamespace, string watchedNamespace, string serviceAccount)
        {
            _client = client;
            ReleaseNamespace = releaseNamespace;
            WatchedNamespace = watchedNamespace;
            _user = $"system:serviceaccount:{releaseNamespace}:{serviceAccount}";
            _groups = ["system:serviceaccounts", $"system:serviceaccounts:{releaseNamespace}", "system:authenticated"];
        }

        public string ReleaseNamespace { get; }

        public string WatchedNamespace { get; }

        public static async Task<RbacSetup> CreateAsync(KubeFixture fixture)
        {
            var releaseNamespace = await fixture.CreateNamespaceAsync("chart-rbac-release");
            var watchedNamespace = await fixture.CreateNamespaceAsync("chart-rbac-watched");
            var fullname = $"rbac-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}-ecsonk8s";
            var actions = new Dictionary<string, string>
            {
                ["include \"ecsonk8s.operatorRoleName\" ."] = $"{fullname}-operator",
                ["include \"ecsonk8s.clusterRoleName\" ."] = $"{fullname}-cluster",
                ["include \"ecsonk8s.leaderElectionRoleName\" ."] = $"{fullname}-leader-election",
                ["include \"ecsonk8s.serviceAccountName\" ."] = fullname,
                [".Release.Namespace"] = releaseNamespace,
                [".Values.leaderElection.leaseName | quote"] = $"\"{LeaseName}\"",
            };
            var templates = Path.Combine(ChartYaml.ChartDirectory, "templates");
            var client = fixture.Client;

            foreach (var document in Documents(ChartYaml.Render(await File.ReadAllTextAsync(Path.Combine(templates, "clusterrole.yaml")), actions)))
            {
                var role = KubernetesYaml.Deserialize<V1ClusterRole>(document);
                await client.RbacAuthorizationV1.CreateClusterRoleAsync(role);
                await client.RbacAuthorizationV1.CreateClusterRoleBindingAsync(new V1ClusterRoleBinding
                {
                    Metadata = new V1ObjectMeta { Name = role.Metadata.Name },
                    RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = role.Metadata.Name },
                    Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = fullname, NamespaceProperty = releaseNamespace }],
                });
            }

            foreach (var document in Documents(ChartYaml.Render(await File.ReadAllTextAsync(Path.Combine(templates, "leader-election-rbac.yaml")), actions)))
            {
                // The chart's own RoleBinding is applied as rendered; the Role too.
                if (document.Contains("kind: RoleBinding", StringComparison.Ordinal))
                {
                    await client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(KubernetesYaml.Deserialize<V1RoleBinding>(document), releaseNamespace);
                }
                else
                {
                    await client.RbacAuthorizationV1.CreateNamespacedRoleAsync(KubernetesYaml.Deserialize<V1Role>(document), releaseNamespace);
                }
            }

            var setup = new RbacSetup(client, releaseNamespace, watchedNamespace, fullname);

            // The authorizer sees new RBAC objects through its informers, a moment later.
            var enforced = await Eventually.HoldsAsync(
                async () => await setup.ReviewAsync("list", "ecsonk8s.io", "ecsservices", null, watchedNamespace, null)
                    && await setup.ReviewAsync("create", "", "persistentvolumes", null, null, null)
                    && await setup.ReviewAsync("update", "coordination.k8s.io", "leases", null, releaseNamespace, LeaseName),
                TimeSpan.FromSeconds(30));
            return enforced ? setup : throw new InvalidOperationException("the chart's RBAC was never enforced");
        }

        public async Task<bool> ReviewAsync(string verb, string group, string resource, string? subresource, string? ns, string? name)
        {
            var review = await _client.AuthorizationV1.CreateSubjectAccessReviewAsync(new V1SubjectAccessReview
            {
                Spec = new V1SubjectAccessReviewSpec
                {
                    User = _user,
                    Groups = _groups,
                    ResourceAttributes = new V1ResourceAttributes
                    {
                        Verb = verb,
                        Group = group,
                        Resource = resource,
                        Subresource = subresource,
                        NamespaceProperty = ns,
                        Name = name,
                    },
                },
            });
            return review.Status.Allowed;
        }

        private static IEnumerable<string> Documents(string text) =>
            text.Split("\n---\n").Where(d => d.Contains("kind:", StringComparison.Ordinal));
    }
}
