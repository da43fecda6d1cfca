using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Naming;
using EcsOnK8s.Translation.Report;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Translation.Workloads.Routing;

/// <summary>
/// What receives outside traffic for each loadBalancers[].targetGroupArn, first of: a TargetGroupBinding (the AWS
/// Load Balancer Controller registers the pods' IPs in the existing target group, as ECS does) where it is
/// installed; an HTTPRoute to the EcsCluster's spec.ingress.gateway where Gateway API is served; an Ingress of
/// spec.ingress.ingressClassName. With none, the report says that nothing does. One object per target group, named
/// after the service and the target group's name, pointing at the rendered Service's port.
/// </summary>
public static class LoadBalancerRouting
{
    private const string P = "service.loadBalancers";

    public static List<IKubernetesObject<V1ObjectMeta>> Build(
        IReadOnlyList<LoadBalancerTarget> targets,
        string serviceName,
        string ns,
        IReadOnlyDictionary<string, string> labels,
        ClusterIngress? ingress,
        ClusterCapabilities capabilities,
        TranslationReport report)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(capabilities);
        ArgumentNullException.ThrowIfNull(report);
        var objects = new List<IKubernetesObject<V1ObjectMeta>>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var target in targets)
        {
            var path = $"{P}[{target.Index}].targetGroupArn";
            if (TargetGroupName(target.TargetGroupArn) is not { } groupName)
            {
                report.Rejected(path, $"'{Shown(target.TargetGroupArn)}' is not a target group ARN (arn:aws:elasticloadbalancing:REGION:ACCOUNT:targetgroup/NAME/ID)");
                continue;
            }

            if (!seen.TryAdd(target.TargetGroupArn, target.Index))
            {
                report.Rejected(path, $"target group {groupName} is already named by loadBalancers[{seen[target.TargetGroupArn]}]: a service registers in a target group once (as in ECS)");
                continue;
            }

            var name = KubeNames.Join(serviceName, groupName);
            if (!names.Add(name))
            {
                name = KubeNames.Join(serviceName, groupName, KubeNames.Hash(target.TargetGroupArn));
                names.Add(name);
            }

            var meta = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = WorkloadLabels.Copy(labels) };
            var to = $"Service '{target.ServiceName}' port {target.Port}";
            if (capabilities.TargetGroupBindingApiVersion is { } tgbVersion)
            {
                objects.Add(BuildTargetGroupBinding(meta, target, tgbVersion));
                report.Mapped(path, $"TargetGroupBinding {name} ({tgbVersion}): the AWS Load Balancer Controller registers the pods' IPs behind {to} in target group {groupName} (target type ip)");
                continue;
            }

            var gateway = ingress?.Gateway is { Name: { Length: > 0 } } g ? g : null;
            var ingressClass = string.IsNullOrWhiteSpace(ingress?.IngressClassName) ? null : ingress!.IngressClassName;
            var gatewayUnserved = gateway is not null && capabilities.HttpRouteApiVersion is null
                ? $"; the EcsCluster names Gateway {gateway.Name} but Gateway API's HTTPRoute is not served"
                : string.Empty;
            if ((gateway is not null && capabilities.HttpRouteApiVersion is not null) || ingressClass is not null)
            {
                if (target.Protocol != "TCP")
                {
                    report.Approximated(path, $"nothing receives outside traffic for target group {groupName}: HTTPRoutes and Ingresses carry HTTP, not {target.Protocol}, and the AWS Load Balancer Controller (TargetGroupBinding) is not installed; {to} is reachable inside the cluster only");
                    continue;
                }

                if (gateway is not null && capabilities.HttpRouteApiVersion is { } routeVersion)
                {
                    objects.Add(BuildHttpRoute(meta, target, gateway, routeVersion));
                    var listener = gateway.SectionName is null ? string.Empty : $" listener {gateway.SectionName}";
                    report.Approximated(path, $"HTTPRoute {name} ({routeVersion}) attaches {to} to Gateway {gateway.Namespace ?? ns}/{gateway.Name}{listener}: the Gateway receives the traffic, not target group {groupName}, for every host and path (the load balancer's listener rules are not known); the AWS Load Balancer Controller (TargetGroupBinding) is not installed");
                    continue;
                }

                objects.Add(BuildIngress(meta, target, ingressClass!));
                report.Approximated(path, $"Ingress {name} (class {ingressClass}) routes every host and path (prefix /) to {to}: the ingress controller receives the traffic, not target group {groupName} (the load balancer's listener rules are not known); the AWS Load Balancer Controller (TargetGroupBinding) is not installed{gatewayUnserved}");
                continue;
            }

            report.Approximated(path, $"nothing receives outside traffic for target group {groupName}: the AWS Load Balancer Controller (TargetGroupBinding) is not installed and the EcsCluster names no spec.ingress.gateway or spec.ingress.ingressClassName{gatewayUnserved}; {to} is reachable inside the cluster only");
        }

        return objects;
    }

    /// <summary>The NAME of arn:aws:elasticloadbalancing:REGION:ACCOUNT:targetgroup/NAME/ID; null for anything else.</summary>
    public static string? TargetGroupName(string? arn)
    {
        var parts = arn?.Split(':');
        if (parts is not { Length: 6 } || parts[0] != "arn" || parts[2] != "elasticloadbalancing")
        {
            return null;
        }

        var resource = parts[5].Split('/');
        return resource is ["targetgroup", { Length: > 0 } name, { Length: > 0 }] && KubeNames.IsDnsLabel(name.ToLowerInvariant()) ? name.ToLowerInvariant() : null;
    }

    private static string Shown(string text) => text.Length > 100 ? text[..100] + "…" : text;

    private static TargetGroupBinding BuildTargetGroupBinding(V1ObjectMeta meta, LoadBalancerTarget target, string apiVersion) => new()
    {
        ApiVersion = apiVersion,
        Metadata = meta,
        Spec = new TargetGroupBindingSpec
        {
            ServiceRef = new TargetGroupBindingServiceReference { Name = target.ServiceName, Port = target.Port },
            TargetGroupArn = target.TargetGroupArn,
            TargetType = "ip",
        },
    };

    private static HttpRoute BuildHttpRoute(V1ObjectMeta meta, LoadBalancerTarget target, GatewayReference gateway, string apiVersion) => new()
    {
        ApiVersion = apiVersion,
        Metadata = meta,
        Spec = new HttpRouteSpec
        {
            ParentRefs = [new HttpRouteParentReference { Name = gateway.Name, Namespace = NullIfEmpty(gateway.Namespace), SectionName = NullIfEmpty(gateway.SectionName) }],
            Rules = [new HttpRouteRule { BackendRefs = [new HttpRouteBackendReference { Name = target.ServiceName, Port = target.Port }] }],
        },
    };

    private static V1Ingress BuildIngress(V1ObjectMeta meta, LoadBalancerTarget target, string ingressClass) => new()
    {
        ApiVersion = "networking.k8s.io/v1",
        Kind = "Ingress",
        Metadata = meta,
        Spec = new V1IngressSpec
        {
            IngressClassName = ingressClass,
            Rules =
            [
                new V1IngressRule
                {
                    Http = new V1HTTPIngressRuleValue
                    {
                        Paths =
                        [
                            new V1HTTPIngressPath
                            {
                                Path = "/",
                                PathType = "Prefix",
                                Backend = new V1IngressBackend
                                {
                                    Service = new V1IngressServiceBackend { Name = target.ServiceName, Port = new V1ServiceBackendPort { Number = target.Port } },
                                },
                            },
                        ],
                    },
                },
            ],
        },
    };

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
