using EcsOnK8s.Translation.Naming;
using EcsOnK8s.Translation.Report;
using k8s.Models;

namespace EcsOnK8s.Translation.Pods.Containers;

/// <summary>A container's port mappings: container ports, host ports, port names.</summary>
internal static class PortMapper
{
    public static void Map(PodBuildState build, ContainerPlan plan)
    {
        var definition = plan.Definition;
        var ports = new List<V1ContainerPort>();
        var mode = build.Spec.NetworkMode;
        for (var i = 0; i < (definition.PortMappings?.Count ?? 0); i++)
        {
            var mapping = definition.PortMappings![i];
            var path = $"{plan.Path}.portMappings[{i}]";
            var protocol = mapping.Protocol?.ToLowerInvariant() switch
            {
                null or "tcp" => "TCP",
                "udp" => "UDP",
                _ => null,
            };
            if (protocol is null)
            {
                build.Report.Rejected(path + ".protocol", $"unknown protocol '{mapping.Protocol}'");
                protocol = "TCP";
            }
            else if (mapping.Protocol is not null)
            {
                build.Report.Mapped(path + ".protocol");
            }

            build.Report.AddIfSet(mapping.AppProtocol, path, ".appProtocol", Disposition.Mapped, "Service port appProtocol");
            build.Report.AddIfSet(mapping.ContainerPortRange, path, ".containerPortRange", Disposition.Approximated, "Kubernetes has no port ranges: the ports are not declared (still reachable on the pod IP)");

            if (mapping.ContainerPort is not { } port)
            {
                build.Report.AddIfSet(mapping.HostPort, path, ".hostPort", Disposition.Ignored, "no container port to bind");
                build.Report.AddIfSet(mapping.Name, path, ".name", Disposition.Ignored, "no container port to name");

                if (mapping.ContainerPortRange is null)
                {
                    build.ReportAll(mapping, path, Disposition.Rejected, "a port mapping needs a containerPort or a containerPortRange");
                }

                continue;
            }

            if (port is < 1 or > 65535)
            {
                build.ReportAll(mapping, path, Disposition.Rejected, $"container port {port} is outside 1-65535");
                continue;
            }

            // The containers of a pod share one network namespace: a second declaration of a port is refused by the
            // API server within a container (ports are keyed by port and protocol) and collides at run time across them.
            if (!build.ContainerPorts.TryAdd((port, protocol), path))
            {
                build.ReportAll(mapping, path, Disposition.Rejected, $"{port}/{protocol} is already declared by {build.ContainerPorts[(port, protocol)]}: the containers of a pod share one network namespace");
                continue;
            }

            build.Report.Mapped(path + ".containerPort", "container port");
            var wanted = mapping.Name is not null ? KubeNames.PortName(mapping.Name) : null;
            var name = build.PortNames.Allocate(wanted ?? $"{protocol.ToLowerInvariant()}-{port}");
            if (mapping.Name is not null)
            {
                build.Report.Add(
                    path + ".name",
                    name == mapping.Name ? Disposition.Mapped : Disposition.Approximated,
                    name == mapping.Name ? "port name" : $"port name {name} (IANA service name: 15 characters of [a-z0-9-])");
            }

            var containerPort = new V1ContainerPort { ContainerPort = port, Protocol = protocol, Name = name };
            if (mode == "host")
            {
                containerPort.HostPort = port;
                build.Report.AddIfSet(mapping.HostPort, path, ".hostPort", mapping.HostPort == port || mapping.HostPort == 0 ? Disposition.Mapped : Disposition.Rejected, mapping.HostPort == port || mapping.HostPort == 0 ? "host network: the host port is the container port" : "with host networking the host port must equal the container port");
            }
            else if (mapping.HostPort is { } hostPort)
            {
                if (mode == "bridge" && hostPort != 0)
                {
                    if (hostPort is < 1 or > 65535)
                    {
                        build.Report.Rejected(path + ".hostPort", $"port {hostPort} is outside 1-65535");
                    }
                    else if (build.Policy.AllowHostPorts != true)
                    {
                        build.Refuse(path + ".hostPort", "host ports", "allowHostPorts");
                    }
                    else
                    {
                        containerPort.HostPort = hostPort;
                        build.Report.Approximated(path + ".hostPort", "hostPort: two replicas on one node collide (ECS would fail placement the same way)");
                    }
                }
                else if (mode == "bridge")
                {
                    build.Report.Approximated(path + ".hostPort", "dynamic host ports do not exist: reach the task on its pod IP or through a Service");
                }
                else
                {
                    build.Report.Mapped(path + ".hostPort", "awsvpc: the task's own IP, as the pod IP");
                }
            }

            ports.Add(containerPort);
        }

        if (ports.Count > 0)
        {
            plan.Container.Ports = ports;
        }
    }
}
