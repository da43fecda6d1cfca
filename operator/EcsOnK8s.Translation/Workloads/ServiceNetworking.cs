using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Naming;
using EcsOnK8s.Translation.Report;
using EcsOnK8s.Translation.Workloads.Routing;
using k8s.Models;

namespace EcsOnK8s.Translation.Workloads;

/// <summary>
/// loadBalancers, serviceRegistries and serviceConnectConfiguration as ClusterIP Services. Load balancer and
/// registry targets become ports of one Service named after the ECS service; each Service Connect service becomes
/// a Service named after its discoveryName (else its portName). Ports are named after the container's port
/// mapping name (else protocol-port) and target the container port by number. Load balancer entries with a target
/// group are handed to <see cref="LoadBalancerRouting"/> (through the targets of Build); no proxy is created.
/// </summary>
public static class ServiceNetworking
{
    public static IReadOnlyList<V1Service> Build(
        EcsServiceSpec spec,
        EcsTaskDefinitionSpec taskDefinition,
        string name,
        string ns,
        IReadOnlyDictionary<string, string> selector,
        IReadOnlyDictionary<string, string> labels,
        TranslationReport report,
        ICollection<LoadBalancerTarget>? targets = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(taskDefinition);
        ArgumentNullException.ThrowIfNull(report);
        var services = new SortedDictionary<string, List<V1ServicePort>>(StringComparer.Ordinal);
        const string p = "service.";

        for (var i = 0; i < (spec.LoadBalancers?.Count ?? 0); i++)
        {
            var lb = spec.LoadBalancers![i];
            var path = $"{p}loadBalancers[{i}]";
            var mapping = Resolve(taskDefinition, lb.ContainerName, lb.ContainerPort, path, report);
            if (mapping is null)
            {
                continue;
            }

            AddPort(services, name, mapping, mapping.ContainerPort!.Value);
            report.Mapped(path, $"port {mapping.ContainerPort} of container '{lb.ContainerName}' on the ClusterIP Service '{name}'");
            report.Mapped(path + ".containerName", "the Service's target container");
            report.Mapped(path + ".containerPort", "the Service port and its target port");
            if (lb.TargetGroupArn is not null)
            {
                // Reported by LoadBalancerRouting, with what receives the traffic.
                targets?.Add(new LoadBalancerTarget(i, lb.TargetGroupArn, name, mapping.ContainerPort.Value, Protocol(mapping)));
            }

            if (lb.LoadBalancerName is not null)
            {
                report.Approximated(path + ".loadBalancerName", $"no load balancer is created: an Ingress, Gateway or a Service of type LoadBalancer is needed in front of Service '{name}'");
            }
        }

        for (var i = 0; i < (spec.ServiceRegistries?.Count ?? 0); i++)
        {
            var r = spec.ServiceRegistries![i];
            var path = $"{p}serviceRegistries[{i}]";
            PortMapping? mapping;
            if (r.ContainerName is not null || r.ContainerPort is not null)
            {
                mapping = Resolve(taskDefinition, r.ContainerName, r.ContainerPort, path, report);
            }
            else if (r.Port is { } port)
            {
                mapping = FindPortMapping(taskDefinition, m => m.ContainerPort == port);
                if (mapping is null)
                {
                    report.Rejected(path, $"port: no container maps port {port}");
                }
            }
            else
            {
                report.Rejected(path, "a service registry needs containerName and containerPort, or port");
                continue;
            }

            if (mapping is null)
            {
                continue;
            }

            AddPort(services, name, mapping, mapping.ContainerPort!.Value);
            report.Mapped(path, $"cluster DNS ({name}.{ns}.svc) stands for the Cloud Map service: ClusterIP Service '{name}'");
            report.AddIfSet(r.RegistryArn, path, ".registryArn", Disposition.Approximated, "Cloud Map is replaced by Kubernetes DNS; the Cloud Map namespace and name are not kept");
        }

        var sc = spec.ServiceConnectConfiguration;
        if (sc is not null)
        {
            var path = $"{p}serviceConnectConfiguration";
            if (sc.Enabled == false)
            {
                report.Ignored(path, "Service Connect is disabled");
            }
            else
            {
                report.Mapped(path + ".enabled", "ClusterIP Services per Service Connect service");
                if (sc.Namespace is not null)
                {
                    report.Approximated(path + ".namespace", $"the Cloud Map namespace becomes the Kubernetes namespace '{ns}' (DNS <name>.{ns}.svc)");
                }

                report.AddIfSet(sc.LogConfiguration, path, ".logConfiguration", Disposition.Ignored, "no Service Connect proxy is injected, so it has no logs");

                for (var i = 0; i < (sc.Services?.Count ?? 0); i++)
                {
                    ServiceConnect(sc.Services![i], $"{path}.services[{i}]", taskDefinition, services, report);
                }
            }
        }

        var result = new List<V1Service>(services.Count);
        foreach (var (serviceName, ports) in services)
        {
            result.Add(new V1Service
            {
                ApiVersion = "v1",
                Kind = "Service",
                Metadata = new V1ObjectMeta { Name = serviceName, NamespaceProperty = ns, Labels = WorkloadLabels.Copy(labels) },
                Spec = new V1ServiceSpec
                {
                    Type = "ClusterIP",
                    Selector = WorkloadLabels.Copy(selector),
                    Ports = ports,
                },
            });
        }

        return result;
    }

    private static void ServiceConnect(
        ServiceConnectService s,
        string path,
        EcsTaskDefinitionSpec taskDefinition,
        SortedDictionary<string, List<V1ServicePort>> services,
        TranslationReport report)
    {
        // Service Connect refers to ports by name.
        var mapping = s.PortName is null ? null : FindPortMapping(taskDefinition, m => m.Name == s.PortName);
        if (mapping?.ContainerPort is not > 0)
        {
            report.Rejected(path, $"portName: no port mapping of the task definition is named '{s.PortName}'");
            return;
        }

        var serviceName = KubeNames.Sanitize(s.DiscoveryName ?? s.PortName, fallback: "service");
        report.Mapped(path + ".portName", $"targets container port {mapping.ContainerPort}");
        report.Add(
            path + ".discoveryName",
            s.DiscoveryName is null || serviceName == s.DiscoveryName ? Disposition.Mapped : Disposition.Approximated,
            s.DiscoveryName is null ? "the Service is named after the port name" : $"the Service '{serviceName}'");
        var aliases = s.ClientAliases ?? [];
        if (aliases.Count == 0)
        {
            AddPort(services, serviceName, mapping, mapping.ContainerPort.Value);
        }

        for (var j = 0; j < aliases.Count; j++)
        {
            var alias = aliases[j];
            var port = alias.Port ?? mapping.ContainerPort.Value;
            AddPort(services, serviceName, mapping, port);
            report.Mapped($"{path}.clientAliases[{j}].port", $"Service '{serviceName}' port {port}");
            if (alias.DnsName is not null)
            {
                var exact = alias.DnsName == serviceName;
                report.Add(
                    $"{path}.clientAliases[{j}].dnsName",
                    exact ? Disposition.Mapped : Disposition.Approximated,
                    exact ? "the Service's DNS name in its namespace" : $"clients reach '{serviceName}' (or {serviceName}.<namespace>.svc), not '{alias.DnsName}': that name needs a DNS rewrite");
            }
        }

        report.AddIfSet(s.IngressPortOverride, path, ".ingressPortOverride", Disposition.Ignored, "no Service Connect proxy is injected; traffic goes straight to the container port");
        report.AddIfSet(s.Timeout, path, ".timeout", Disposition.Ignored, "no Service Connect proxy is injected, so no proxy timeouts");
        report.AddIfSet(s.Tls, path, ".tls", Disposition.Ignored, "no Service Connect proxy is injected: TLS between services needs a service mesh");
    }

    private static string Protocol(PortMapping mapping) =>
        string.Equals(mapping.Protocol, "udp", StringComparison.OrdinalIgnoreCase) ? "UDP" : "TCP";

    /// <summary>The first port mapping of any container that <paramref name="matches"/>, in task-definition order.</summary>
    private static PortMapping? FindPortMapping(EcsTaskDefinitionSpec taskDefinition, Func<PortMapping, bool> matches)
    {
        foreach (var container in taskDefinition.ContainerDefinitions ?? [])
        {
            foreach (var mapping in container.PortMappings ?? [])
            {
                if (matches(mapping))
                {
                    return mapping;
                }
            }
        }

        return null;
    }

    private static PortMapping? Resolve(EcsTaskDefinitionSpec taskDefinition, string? containerName, int? containerPort, string path, TranslationReport report)
    {
        var container = taskDefinition.ContainerDefinitions?.FirstOrDefault(c => c.Name == containerName);
        if (container is null)
        {
            report.Rejected(path, $"containerName: the task definition has no container '{containerName}'");
            return null;
        }

        var mapping = container.PortMappings?.FirstOrDefault(m => m.ContainerPort == containerPort);
        if (mapping is null || containerPort is not > 0)
        {
            report.Rejected(path, $"containerPort: container '{containerName}' maps no port {containerPort}");
            return null;
        }

        return mapping;
    }

    private static void AddPort(SortedDictionary<string, List<V1ServicePort>> services, string serviceName, PortMapping mapping, int port)
    {
        if (!services.TryGetValue(serviceName, out var ports))
        {
            services[serviceName] = ports = [];
        }

        var protocol = Protocol(mapping);
        foreach (var existing in ports)
        {
            if (existing.Port == port && existing.Protocol == protocol)
            {
                return;
            }
        }

        var portName = KubeNames.PortName(mapping.Name) ?? $"{protocol.ToLowerInvariant()}-{port}";
        foreach (var existing in ports)
        {
            if (existing.Name == portName)
            {
                portName = $"{protocol.ToLowerInvariant()}-{port}";
                break;
            }
        }

        ports.Add(new V1ServicePort
        {
            Name = portName,
            Port = port,
            TargetPort = mapping.ContainerPort!.Value,
            Protocol = protocol,
            AppProtocol = mapping.AppProtocol,
        });
    }
}
