using k8s.Models;

namespace EcsOnK8s.Translation.Pods.Containers;

/// <summary>A container's port mappings: container ports, host ports, port names.</summary>
internal static class PortMapper
{
    public static void Map(PodBuildState s, ContainerPlan plan)
    {
        var d = plan.Definition;
        var ports = new List<V1ContainerPort>();
        var mode = s.Spec.NetworkMode;
        for (var i = 0; i < (d.PortMappings?.Count ?? 0); i++)
        {
            var m = d.PortMappings![i];
            var path = $"{plan.Path}.portMappings[{i}]";
            var protocol = m.Protocol?.ToLowerInvariant() switch
            {
                null or "tcp" => "TCP",
                "udp" => "UDP",
                _ => null,
            };
            if (protocol is null)
            {
                s.Report.Rejected(path + ".protocol", $"unknown protocol '{m.Protocol}'");
                protocol = "TCP";
            }
            else if (m.Protocol is not null)
            {
                s.Report.Mapped(path + ".protocol");
            }

            if (m.AppProtocol is not null)
            {
                s.Report.Mapped(path + ".appProtocol", "Service port appProtocol");
            }

            if (m.ContainerPortRange is not null)
            {
                s.Report.Approximated(path + ".containerPortRange", "Kubernetes has no port ranges: the ports are not declared (still reachable on the pod IP)");
            }

            if (m.ContainerPort is not { } port)
            {
                if (m.HostPort is not null)
                {
                    s.Report.Ignored(path + ".hostPort", "no container port to bind");
                }

                if (m.Name is not null)
                {
                    s.Report.Ignored(path + ".name", "no container port to name");
                }

                if (m.ContainerPortRange is null)
                {
                    s.ReportAll(m, path, Report.Disposition.Rejected, "a port mapping needs a containerPort or a containerPortRange");
                }

                continue;
            }

            if (port is < 1 or > 65535)
            {
                s.ReportAll(m, path, Report.Disposition.Rejected, $"container port {port} is outside 1-65535");
                continue;
            }

            // The containers of a pod share one network namespace: a second declaration of a port is refused by the
            // API server within a container (ports are keyed by port and protocol) and collides at run time across them.
            if (!s.ContainerPorts.TryAdd((port, protocol), path))
            {
                s.ReportAll(m, path, Report.Disposition.Rejected, $"{port}/{protocol} is already declared by {s.ContainerPorts[(port, protocol)]}: the containers of a pod share one network namespace");
                continue;
            }

            s.Report.Mapped(path + ".containerPort", "container port");
            var wanted = m.Name is not null ? KubeNames.PortName(m.Name) : null;
            var name = s.PortNames.Allocate(wanted ?? $"{protocol.ToLowerInvariant()}-{port}");
            if (m.Name is not null)
            {
                s.Report.Add(
                    path + ".name",
                    name == m.Name ? Report.Disposition.Mapped : Report.Disposition.Approximated,
                    name == m.Name ? "port name" : $"port name {name} (IANA service name: 15 characters of [a-z0-9-])");
            }

            var cp = new V1ContainerPort { ContainerPort = port, Protocol = protocol, Name = name };
            if (mode == "host")
            {
                cp.HostPort = port;
                if (m.HostPort is not null)
                {
                    s.Report.Add(path + ".hostPort", m.HostPort == port || m.HostPort == 0 ? Report.Disposition.Mapped : Report.Disposition.Rejected, m.HostPort == port || m.HostPort == 0 ? "host network: the host port is the container port" : "with host networking the host port must equal the container port");
                }
            }
            else if (m.HostPort is { } hostPort)
            {
                if (mode == "bridge" && hostPort != 0)
                {
                    if (hostPort is < 1 or > 65535)
                    {
                        s.Report.Rejected(path + ".hostPort", $"port {hostPort} is outside 1-65535");
                    }
                    else if (s.Policy.AllowHostPorts != true)
                    {
                        s.Report.Rejected(path + ".hostPort", s.Refusal("host ports", "allowHostPorts"));
                    }
                    else
                    {
                        cp.HostPort = hostPort;
                        s.Report.Approximated(path + ".hostPort", "hostPort: two replicas on one node collide (ECS would fail placement the same way)");
                    }
                }
                else if (mode == "bridge")
                {
                    s.Report.Approximated(path + ".hostPort", "dynamic host ports do not exist: reach the task on its pod IP or through a Service");
                }
                else
                {
                    s.Report.Mapped(path + ".hostPort", "awsvpc: the task's own IP, as the pod IP");
                }
            }

            ports.Add(cp);
        }

        if (ports.Count > 0)
        {
            plan.Container.Ports = ports;
        }
    }
}
