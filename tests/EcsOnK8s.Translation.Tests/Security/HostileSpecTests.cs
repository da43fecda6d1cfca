using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Testing.Common.Security;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Report;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.Translation.Tests.Security;

/// <summary>
/// Specs a hostile tenant might write, each under the default (deny-all) policy: every one is refused, nothing is
/// rendered, and the report names the field that is refused. The integration test
/// (HostileSpecApiServerTests) runs the same table through the operator on a real API server.
/// </summary>
public class HostileSpecTests
{
    /// <summary>Case name → the case.</summary>
    public static IReadOnlyDictionary<string, HostileSpec> Cases { get; } = HostileSpecs.All.ToDictionary(c => c.Name, StringComparer.Ordinal);

    public static TheoryData<string> Names => new(HostileSpecs.All.Where(c => !c.Contained).Select(c => c.Name));

    public static TheoryData<string> ContainedNames => new(HostileSpecs.All.Where(c => c.Contained).Select(c => c.Name));

    [Fact]
    public void Table_HasAtLeast25RefusedCases() => Assert.True(HostileSpecs.All.Count(c => !c.Contained) >= 25, $"{HostileSpecs.All.Count} cases");

    [Theory]
    [MemberData(nameof(ContainedNames))]
    public void Render_ContainedSpec_StaysInItsNamespaceAndItsOwnPods(string name)
    {
        var hostile = Cases[name];
        var request = Request(hostile);
        var result = Renderer.Render(request);

        Assert.False(result.Rejected, string.Join("; ", result.Report.Rejections.Select(r => $"{r.Path}: {r.Reason}")));
        Assert.All(result.Objects, o => Assert.Equal(HostileSpecs.Namespace, o.Metadata.NamespaceProperty));
        var deployment = result.Objects.OfType<V1Deployment>().Single();
        var pod = deployment.Spec.Template;

        // The selector is the operator's, keyed by the service's own name, and the pod carries exactly it.
        var service = request.Service!.Metadata.Name;
        Assert.Equal(deployment.Metadata.Labels[Api.WellKnownLabels.Service], deployment.Spec.Selector.MatchLabels[Api.WellKnownLabels.Service]);
        Assert.All(deployment.Spec.Selector.MatchLabels, l => Assert.Equal(l.Value, pod.Metadata.Labels[l.Key]));
        Assert.NotEqual("payments", pod.Metadata.Labels[Api.WellKnownLabels.Service]);
        Assert.StartsWith(service[..Math.Min(service.Length, 40)], deployment.Metadata.Name, StringComparison.Ordinal);
        Assert.All(pod.Spec.Containers, c => Assert.Matches("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", c.Name));
        Assert.All(
            pod.Spec.Containers.SelectMany(c => c.Env ?? []).Where(e => e.ValueFrom?.SecretKeyRef is not null),
            e => Assert.Matches("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$", e.ValueFrom.SecretKeyRef.Name));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Render_HostileSpecUnderDefaultPolicy_RefusedNamingTheField(string name)
    {
        var hostile = Cases[name];
        var result = Renderer.Render(Request(hostile));

        Assert.True(result.Rejected, $"{name} was not refused; report: {string.Join("; ", result.Report.Entries.Select(e => $"{e.Path}={e.Disposition}"))}");
        Assert.Empty(result.Objects);
        var refused = result.Report.Rejections.Select(r => r.Path).ToList();
        Assert.Contains(refused, path => path.Contains(hostile.Field, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Render_HostileSpecWithPolicyUnderAnEmptyBound_StillRefused(string name)
    {
        var hostile = Cases[name];
        var request = Request(hostile) with
        {
            Cluster = new EcsCluster { Metadata = new V1ObjectMeta { Name = "default", NamespaceProperty = HostileSpecs.Namespace }, Spec = new EcsClusterSpec { Policy = HostileSpecs.AllowEverything() } },
            PolicyBound = new ClusterPolicy(),
        };

        var result = Renderer.Render(request);

        Assert.True(result.Rejected, $"{name} was not refused under an empty bound");
        Assert.Contains(result.Report.Rejections, r => r.Path.Contains(hostile.Field, StringComparison.Ordinal));
    }

    [Fact]
    public void Render_PrivilegedAllowedByClusterButNotByBound_MessageNamesTheBound()
    {
        var request = Request(Cases["privileged"]) with
        {
            Cluster = new EcsCluster { Metadata = new V1ObjectMeta { Name = "team", NamespaceProperty = HostileSpecs.Namespace }, Spec = new EcsClusterSpec { Policy = new ClusterPolicy { AllowPrivileged = true } } },
            PolicyBound = new ClusterPolicy { AllowHostNetwork = true },
        };

        var entry = Renderer.Render(request).Report.Rejections.Single();

        Assert.Equal(RejectionKind.Policy, entry.Rejection);
        Assert.Equal(
            "privileged containers are refused: EcsCluster team spec.policy.allowPrivileged allows it, but no EcsClusterPolicy allows it in namespace tenant-a (cluster-wide bound)",
            entry.Reason);
    }

    [Fact]
    public void Render_PrivilegedAllowedByClusterAndBound_Rendered()
    {
        var request = Request(Cases["privileged"]) with
        {
            Cluster = new EcsCluster { Metadata = new V1ObjectMeta { Name = "team", NamespaceProperty = HostileSpecs.Namespace }, Spec = new EcsClusterSpec { Policy = new ClusterPolicy { AllowPrivileged = true } } },
            PolicyBound = new ClusterPolicy { AllowPrivileged = true },
        };

        var result = Renderer.Render(request);

        Assert.False(result.Rejected, string.Join("; ", result.Report.Rejections.Select(r => r.Reason)));
        Assert.True(result.Objects.OfType<V1Deployment>().Single().Spec.Template.Spec.Containers[0].SecurityContext.Privileged);
    }

    private static RenderRequest Request(HostileSpec hostile) => new()
    {
        TaskDefinition = new ResolvedTaskDefinition("web", 1, hostile.TaskDefinition()),
        Service = hostile.Service(),
        Capabilities = ClusterCapabilities.Kubernetes120,
    };
}
