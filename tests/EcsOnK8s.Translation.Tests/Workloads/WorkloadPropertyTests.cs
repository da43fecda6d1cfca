using CsCheck;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Naming;
using EcsOnK8s.Translation.Pods;
using EcsOnK8s.Translation.Report;
using EcsOnK8s.Translation.Tests.Pods;
using Xunit;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Translation.Tests.Workloads;

/// <summary>
/// Generated services (with task definitions, capacity providers, placement, load balancers, Service Connect and
/// auto scaling): Render never throws, what it renders passes Kubernetes validation rules, replicas add up, and
/// the report accounts for every input path of the service.
/// </summary>
public class WorkloadPropertyTests
{
    private static readonly string[] Providers = ["FARGATE", "FARGATE_SPOT", "on-demand", "Spot_Pool", "unknown"];

    private static readonly Gen<CapacityProviderStrategyItem> GenItem =
        Gen.Select(Gen.OneOf(Providers), Gen.Int[0, 5].Nullable(), Gen.Int[0, 4].Nullable())
            .Select((p, w, b) => new CapacityProviderStrategyItem { CapacityProvider = p, Weight = w, Base = b });

    private static readonly Gen<EcsServiceSpec> GenService =
        Gen.Select(
            Gen.Int[0, 40].Nullable(),
            GenItem.Array[0, 3],
            Gen.Select(Gen.Int[0, 100].Nullable(), Gen.Int[0, 300].Nullable(), Gen.Bool.Nullable()),
            Gen.OneOf<string?>("REPLICA", "DAEMON", null),
            Gen.Select(Gen.OneOf("spread", "binpack", "random", "bogus"), Gen.OneOf<string?>("instanceId", "attribute:ecs.availability-zone", "attribute:custom", null)).Array[0, 2],
            Gen.Select(Gen.Int[0, 9000], Gen.OneOf("app", "sidecar", "nope")).Array[0, 2],
            Gen.Select(Gen.Int[0, 5].Nullable(), Gen.Int[0, 12].Nullable(), Gen.Double[-10, 150].Nullable(), Gen.OneOf("ECSServiceAverageCPUUtilization", "ALBRequestCountPerTarget", "Other")).Nullable(),
            Gen.Select(Gen.OneOf<string?>("http", "grpc", null), Gen.OneOf<string?>("svc.local", "Orders_API", null)).Nullable())
        .Select((desired, strategy, dc, scheduling, placement, lbs, scaling, sc) => new EcsServiceSpec
        {
            ServiceName = "Web_Service",
            DesiredCount = desired,
            CapacityProviderStrategy = [.. strategy],
            DeploymentConfiguration = new DeploymentConfiguration
            {
                MinimumHealthyPercent = dc.Item1,
                MaximumPercent = dc.Item2,
                DeploymentCircuitBreaker = new DeploymentCircuitBreaker { Enable = dc.Item3, Rollback = dc.Item3 },
            },
            SchedulingStrategy = scheduling,
            PlacementStrategy = placement.Select(p => new PlacementStrategy { Type = p.Item1, Field = p.Item2 }).ToList(),
            PlacementConstraints = [new PlacementConstraint { Type = "distinctInstance" }, new PlacementConstraint { Type = "memberOf", Expression = "attribute:ecs.os-type == linux" }],
            LoadBalancers = lbs.Select(l => new LoadBalancer { ContainerName = l.Item2, ContainerPort = l.Item1, TargetGroupArn = "arn:aws:elasticloadbalancing:tg" }).ToList(),
            ServiceConnectConfiguration = sc is null ? null : new ServiceConnectConfiguration
            {
                Namespace = "ns",
                Services = [new ServiceConnectService { PortName = "web", DiscoveryName = sc.Value.Item2, ClientAliases = [new ServiceConnectClientAlias { Port = 80, DnsName = sc.Value.Item2 }] }],
            },
            AutoScaling = scaling is null ? null : new ServiceAutoScaling
            {
                MinCapacity = scaling.Value.Item1,
                MaxCapacity = scaling.Value.Item2,
                TargetTrackingPolicies =
                [
                    new TargetTrackingPolicy
                    {
                        TargetValue = scaling.Value.Item3,
                        PredefinedMetricSpecification = new PredefinedMetricSpecification
                        {
                            PredefinedMetricType = scaling.Value.Item4,
                            ResourceLabel = "app/lb/1/targetgroup/tg/2",
                        },
                        ScaleInCooldown = 30,
                    },
                ],
            },
            Tags = [new Tag { Key = "Team Name", Value = "Platform/Core" }],
            NetworkConfiguration = new NetworkConfiguration { AwsvpcConfiguration = new AwsVpcConfiguration { Subnets = ["subnet-1"] } },
        });

    private static readonly EcsClusterSpec Cluster = new()
    {
        CapacityProviders =
        [
            new CapacityProvider { Name = "on-demand", NodeSelector = new Dictionary<string, string> { ["pool"] = "on-demand" } },
            new CapacityProvider { Name = "Spot_Pool", NodeSelector = new Dictionary<string, string> { ["pool"] = "spot" }, Tolerations = [new V1Toleration { Key = "spot", OperatorProperty = "Exists" }] },
        ],
    };

    private static ResolvedTaskDefinition TaskDefinition() => new("Web_App", 7, new EcsTaskDefinitionSpec
    {
        Family = "Web_App",
        NetworkMode = "awsvpc",
        ContainerDefinitions =
        [
            new ContainerDefinition { Name = "app", Image = "nginx", Memory = 256, PortMappings = [new PortMapping { ContainerPort = 8080, Name = "web", AppProtocol = "http" }] },
            new ContainerDefinition { Name = "sidecar", Image = "envoy", MemoryReservation = 64, PortMappings = [new PortMapping { ContainerPort = 9901, Protocol = "udp" }] },
        ],
    });

    [Fact]
    public void Render_GeneratedServices_NeverThrowValidOutputEveryPathReported()
    {
        Gen.Select(GenService, Gen.Bool).Sample((spec, modern) =>
        {
            var result = Renderer.Render(new RenderRequest
            {
                TaskDefinition = TaskDefinition(),
                Service = new EcsService { Metadata = new V1ObjectMeta { Name = "web-service", NamespaceProperty = "shop" }, Spec = spec },
                Cluster = new EcsCluster { Metadata = new V1ObjectMeta { Name = "prod" }, Spec = Cluster },
                Capabilities = modern ? ClusterCapabilities.Kubernetes130 : ClusterCapabilities.Kubernetes120,
            });

            var problems = new List<string>();
            problems.AddRange(Uncovered(spec, "service", result.Report).Select(p => "not reported: " + p));
            if (!result.Rejected)
            {
                problems.AddRange(Problems(result.Objects));
                var daemon = spec.SchedulingStrategy == "DAEMON";
                var replicas = result.Objects.OfType<V1Deployment>().Sum(d => d.Spec.Replicas ?? 0);
                // Registered bounds (no scheduled action here) clamp desiredCount, as a scalable target does in ECS.
                var expected = spec.DesiredCount ?? spec.AutoScaling?.MinCapacity ?? 1;
                if (spec.AutoScaling is { MaxCapacity: { } max } bounds)
                {
                    expected = Math.Clamp(expected, bounds.MinCapacity ?? 1, max);
                }

                if (!daemon && replicas != expected)
                {
                    problems.Add($"replicas {replicas} != desiredCount {spec.DesiredCount} within [{spec.AutoScaling?.MinCapacity}, {spec.AutoScaling?.MaxCapacity}]");
                }
            }
            else if (result.Objects.Count > 0)
            {
                problems.Add("a rejected render has objects");
            }

            if (problems.Count > 0)
            {
                throw new InvalidOperationException(string.Join("\n", problems) + "\n" + string.Join("\n---\n", result.Objects.Select(o => KubernetesYaml.Serialize(o))));
            }
        }, iter: 300);
    }

    /// <summary>Leaf paths of <paramref name="input"/> that no report entry names, itself or through an ancestor.</summary>
    public static List<string> Uncovered(object input, string prefix, TranslationReport report)
    {
        var named = report.Entries.Select(e => e.Path).ToHashSet(StringComparer.Ordinal);
        return ReportCoverage.LeafPaths(input, prefix).Where(p => !Ancestors(p).Any(named.Contains)).ToList();
    }

    private static IEnumerable<string> Ancestors(string path)
    {
        yield return path;
        for (var i = path.Length - 1; i > 0; i--)
        {
            if (path[i] is '.' or '[')
            {
                yield return path[..i];
            }
        }
    }

    private static IEnumerable<string> Problems(IReadOnlyList<IKubernetesObject<V1ObjectMeta>> objects)
    {
        foreach (var o in objects)
        {
            if (!KubeNames.IsDnsSubdomain(o.Metadata.Name) || (o is V1Service && !KubeNames.IsDnsLabel(o.Metadata.Name)))
            {
                yield return $"{o.Kind} name {o.Metadata.Name}";
            }

            foreach (var (key, value) in o.Metadata.Labels ?? new Dictionary<string, string>())
            {
                if (!KubeNames.IsQualifiedName(key) || !KubeNames.IsLabelValue(value))
                {
                    yield return $"{o.Kind} label {key}={value}";
                }
            }

            var (selector, template) = o switch
            {
                V1Deployment d => (d.Spec.Selector.MatchLabels, d.Spec.Template),
                V1DaemonSet ds => (ds.Spec.Selector.MatchLabels, ds.Spec.Template),
                _ => (null, null),
            };
            if (template is not null)
            {
                foreach (var (key, value) in selector!)
                {
                    if (template.Metadata.Labels?.TryGetValue(key, out var v) != true || v != value)
                    {
                        yield return $"{o.Kind} selector {key}={value} not on the template";
                    }
                }

                foreach (var p in OutputValidator.Problems(new PodRenderResult(template, [])))
                {
                    yield return $"{o.Kind} template: {p}";
                }
            }

            if (o is V1Service s)
            {
                foreach (var port in s.Spec.Ports)
                {
                    if (port.Port is < 1 or > 65535 || !KubeNames.IsDnsLabel(port.Name) || port.TargetPort.Value is "0")
                    {
                        yield return $"Service port {port.Name} {port.Port}";
                    }
                }

                if (s.Spec.Ports.Select(p => p.Name).Distinct().Count() != s.Spec.Ports.Count)
                {
                    yield return "duplicate Service port names";
                }
            }

            if (o is V2HorizontalPodAutoscaler h)
            {
                if (h.Spec.MinReplicas is < 1 || h.Spec.MaxReplicas < (h.Spec.MinReplicas ?? 1))
                {
                    yield return $"HPA bounds {h.Spec.MinReplicas}..{h.Spec.MaxReplicas}";
                }

                foreach (var m in h.Spec.Metrics)
                {
                    if (m.External?.Target.Value is { } q)
                    {
                        _ = q.ToDecimal();
                    }
                }
            }
        }
    }
}
