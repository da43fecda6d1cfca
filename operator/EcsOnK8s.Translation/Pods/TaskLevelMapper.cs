using EcsOnK8s.Api;
using EcsOnK8s.Translation.ClusterQueries;
using EcsOnK8s.Translation.Naming;
using EcsOnK8s.Translation.Report;
using k8s.Models;

namespace EcsOnK8s.Translation.Pods;

/// <summary>Task-level fields: identity, network, namespaces, platform, placement, tags (roles: <see cref="RoleMapper"/>).</summary>
internal static class TaskLevelMapper
{
    private const string ReadOnly = "read-only field of describe-task-definition output; EcsOnK8s keeps its own revisions";

    public static void Map(PodBuildState build)
    {
        var spec = build.Spec;
        var report = build.Report;

        report.AddIfSet(spec.Family, build.Root, "family", Disposition.Mapped, "labels and the task-definition annotation");
        report.AddIfSet(spec.TaskDefinitionArn, build.Root, "taskDefinitionArn", Disposition.Ignored, ReadOnly);
        report.AddIfSet(spec.Revision, build.Root, "revision", Disposition.Ignored, ReadOnly);
        report.AddIfSet(spec.Status, build.Root, "status", Disposition.Ignored, ReadOnly);

        for (var i = 0; i < (spec.RequiresAttributes?.Count ?? 0); i++)
        {
            var attribute = spec.RequiresAttributes![i];
            var attributePath = $"{build.Root}requiresAttributes[{i}]";
            report.AddIfSet(attribute.Name, attributePath, ".name", Disposition.Ignored, ReadOnly);
            report.AddIfSet(attribute.Value, attributePath, ".value", Disposition.Ignored, ReadOnly);
            report.AddIfSet(attribute.TargetType, attributePath, ".targetType", Disposition.Ignored, ReadOnly);
            report.AddIfSet(attribute.TargetId, attributePath, ".targetId", Disposition.Ignored, ReadOnly);
        }

        report.AddIfSet(spec.Compatibilities, build.Root, "compatibilities", Disposition.Ignored, ReadOnly);
        report.AddIfSet(spec.RegisteredAt, build.Root, "registeredAt", Disposition.Ignored, ReadOnly);
        report.AddIfSet(spec.RegisteredBy, build.Root, "registeredBy", Disposition.Ignored, ReadOnly);
        report.AddIfSet(spec.DeregisteredAt, build.Root, "deregisteredAt", Disposition.Ignored, ReadOnly);
        report.AddIfSet(spec.InactiveRevisions, build.Root, "inactiveRevisions", Disposition.Ignored, "operator bookkeeping of deregistered revisions; not part of the pod");

        if (spec.RequiresCompatibilities is not null)
        {
            var unknown = spec.RequiresCompatibilities.Where(compatibility => compatibility is not ("EC2" or "FARGATE" or "EXTERNAL" or "MANAGED_INSTANCES")).ToList();
            if (unknown.Count > 0)
            {
                report.Rejected(build.Root + "requiresCompatibilities", $"unknown launch type(s): {string.Join(", ", unknown)}");
            }
            else
            {
                report.Mapped(build.Root + "requiresCompatibilities", "validation only (FARGATE checks the task size pairs); capacity comes from the cluster's capacity providers");
            }
        }

        report.AddIfSet(spec.EnableFaultInjection, build.Root, "enableFaultInjection", Disposition.Ignored, "ECS fault injection endpoints are AWS-only");

        if (spec.ProxyConfiguration is { } proxy)
        {
            const string why = "App Mesh proxy configuration does not port; use your mesh's sidecar injection";
            report.AddIfSet(proxy.Type, build.Root, "proxyConfiguration.type", Disposition.Ignored, why);
            report.AddIfSet(proxy.ContainerName, build.Root, "proxyConfiguration.containerName", Disposition.Ignored, why);

            for (var i = 0; i < (proxy.Properties?.Count ?? 0); i++)
            {
                var property = proxy.Properties![i];
                var propertyPath = $"{build.Root}proxyConfiguration.properties[{i}]";
                report.AddIfSet(property.Name, propertyPath, ".name", Disposition.Ignored, why);
                report.AddIfSet(property.Value, propertyPath, ".value", Disposition.Ignored, why);
            }
        }

        for (var i = 0; i < (spec.InferenceAccelerators?.Count ?? 0); i++)
        {
            const string why = "Elastic Inference accelerators are retired and have no Kubernetes counterpart";
            var accelerator = spec.InferenceAccelerators![i];
            var acceleratorPath = $"{build.Root}inferenceAccelerators[{i}]";
            report.Rejected(acceleratorPath, why);
            report.AddIfSet(accelerator.DeviceName, acceleratorPath, ".deviceName", Disposition.Rejected, why);
            report.AddIfSet(accelerator.DeviceType, acceleratorPath, ".deviceType", Disposition.Rejected, why);
        }

        MapNetwork(build);
        MapNamespaces(build);
        MapPlatform(build);
        MapPlacement(build);
        MapTags(build);
        RoleMapper.Map(build);
    }

    private static void MapNetwork(PodBuildState build)
    {
        switch (build.Spec.NetworkMode)
        {
            case null:
                break;
            case "awsvpc":
                build.Report.Mapped(build.Root + "networkMode", "pod network: one IP per task, containers share localhost");
                break;
            case "bridge":
                build.Report.Approximated(build.Root + "networkMode", "pod network: containers share one network namespace (localhost) instead of separate Docker bridge endpoints");
                break;
            case "host":
                if (build.Policy.AllowHostNetwork != true)
                {
                    build.Refuse(build.Root + "networkMode", "host network tasks", "allowHostNetwork");
                }
                else
                {
                    build.Report.Mapped(build.Root + "networkMode", "hostNetwork: true");
                }

                build.Pod.HostNetwork = true;
                build.Pod.DnsPolicy = "ClusterFirstWithHostNet";
                break;
            case "none":
                build.Report.Approximated(build.Root + "networkMode", "a pod always has a network namespace with its own interface; external networking is not removed (use a NetworkPolicy that denies all traffic)");
                break;
            default:
                build.Report.Rejected(build.Root + "networkMode", $"unknown network mode '{build.Spec.NetworkMode}'");
                break;
        }
    }

    private static void MapNamespaces(PodBuildState build)
    {
        switch (build.Spec.PidMode)
        {
            case null:
                break;
            case "host":
                if (build.Policy.AllowHostPID != true)
                {
                    build.Refuse(build.Root + "pidMode", "host PID namespaces", "allowHostPID");
                }
                else
                {
                    build.Report.Mapped(build.Root + "pidMode", "hostPID: true");
                }

                build.Pod.HostPID = true;
                break;
            case "task":
                build.Pod.ShareProcessNamespace = true;
                build.Report.Mapped(build.Root + "pidMode", "shareProcessNamespace: true");
                break;
            default:
                build.Report.Rejected(build.Root + "pidMode", $"unknown pid mode '{build.Spec.PidMode}'");
                break;
        }

        switch (build.Spec.IpcMode)
        {
            case null:
                break;
            case "host":
                if (build.Policy.AllowHostIPC != true)
                {
                    build.Refuse(build.Root + "ipcMode", "host IPC namespaces", "allowHostIPC");
                }
                else
                {
                    build.Report.Mapped(build.Root + "ipcMode", "hostIPC: true");
                }

                build.Pod.HostIPC = true;
                break;
            case "task":
                build.Report.Mapped(build.Root + "ipcMode", "containers of a pod share one IPC namespace");
                break;
            case "none":
                build.Report.Approximated(build.Root + "ipcMode", "containers of a pod always share one IPC namespace; it cannot be made private");
                break;
            default:
                build.Report.Rejected(build.Root + "ipcMode", $"unknown IPC mode '{build.Spec.IpcMode}'");
                break;
        }
    }

    private static void MapPlatform(PodBuildState build)
    {
        if (build.Spec.RuntimePlatform is not { } platform)
        {
            return;
        }

        build.Pod.NodeSelector ??= new Dictionary<string, string>();
        switch (platform.CpuArchitecture)
        {
            case null:
                break;
            case "X86_64":
                build.Pod.NodeSelector["kubernetes.io/arch"] = "amd64";
                build.Report.Mapped(build.Root + "runtimePlatform.cpuArchitecture", "nodeSelector kubernetes.io/arch=amd64");
                break;
            case "ARM64":
                build.Pod.NodeSelector["kubernetes.io/arch"] = "arm64";
                build.Report.Mapped(build.Root + "runtimePlatform.cpuArchitecture", "nodeSelector kubernetes.io/arch=arm64");
                break;
            default:
                build.Report.Rejected(build.Root + "runtimePlatform.cpuArchitecture", $"unknown CPU architecture '{platform.CpuArchitecture}'");
                break;
        }

        var os = platform.OperatingSystemFamily;
        if (os is null)
        {
        }
        else if (os == "LINUX")
        {
            build.Pod.NodeSelector["kubernetes.io/os"] = "linux";
            build.Report.Mapped(build.Root + "runtimePlatform.operatingSystemFamily", "nodeSelector kubernetes.io/os=linux");
        }
        else if (os.StartsWith("WINDOWS_SERVER_", StringComparison.Ordinal))
        {
            build.Pod.NodeSelector["kubernetes.io/os"] = "windows";
            var windowsBuild = os switch
            {
                _ when os.Contains("2016", StringComparison.Ordinal) => "10.0.14393",
                _ when os.Contains("2019", StringComparison.Ordinal) => "10.0.17763",
                _ when os.Contains("2004", StringComparison.Ordinal) => "10.0.19041",
                _ when os.Contains("20H2", StringComparison.Ordinal) => "10.0.19042",
                _ when os.Contains("2022", StringComparison.Ordinal) => "10.0.20348",
                _ when os.Contains("2025", StringComparison.Ordinal) => "10.0.26100",
                _ => null,
            };
            if (windowsBuild is not null)
            {
                build.Pod.NodeSelector["node.kubernetes.io/windows-build"] = windowsBuild;
            }

            build.Report.Approximated(
                build.Root + "runtimePlatform.operatingSystemFamily",
                $"nodeSelector kubernetes.io/os=windows{(windowsBuild is null ? string.Empty : ", node.kubernetes.io/windows-build=" + windowsBuild)}; the Core/Full edition has no node label");
        }
        else
        {
            build.Report.Rejected(build.Root + "runtimePlatform.operatingSystemFamily", $"unknown operating system family '{os}'");
        }

        if (build.Pod.NodeSelector.Count == 0)
        {
            build.Pod.NodeSelector = null;
        }
    }

    private static void MapPlacement(PodBuildState build)
    {
        List<V1NodeSelectorTerm>? terms = null;
        for (var i = 0; i < (build.Spec.PlacementConstraints?.Count ?? 0); i++)
        {
            var constraint = build.Spec.PlacementConstraints![i];
            var path = $"{build.Root}placementConstraints[{i}]";
            if (constraint.Type != "memberOf")
            {
                build.Report.Rejected(path + ".type", $"task definitions only take memberOf constraints, not '{constraint.Type}'");
                build.Report.AddIfSet(constraint.Expression, path, ".expression", Disposition.Rejected, "belongs to a constraint that is rejected");

                continue;
            }

            build.Report.Mapped(path + ".type", "required node affinity");
            var translated = MemberOfExpression.Translate(constraint.Expression!, path + ".expression", build.Report);
            if (translated is null || translated.Count == 0)
            {
                continue;
            }

            // Several constraints must all hold: AND them by crossing their terms.
            if (terms is null)
            {
                terms = [.. translated];
            }
            else if (terms.Count * translated.Count > MemberOfExpression.MaxTerms)
            {
                build.Report.Rejected(path + ".expression", $"together the placement constraints expand to more than {MemberOfExpression.MaxTerms} node selector terms");
            }
            else
            {
                terms = terms.SelectMany(a => translated.Select(b => new V1NodeSelectorTerm
                {
                    MatchExpressions = [.. a.MatchExpressions, .. b.MatchExpressions],
                })).ToList();
            }
        }

        if (terms is { Count: > 0 })
        {
            build.Pod.Affinity = new V1Affinity
            {
                NodeAffinity = new V1NodeAffinity
                {
                    RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector { NodeSelectorTerms = terms },
                },
            };
        }
    }

    private static void MapTags(PodBuildState build)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (build.Spec.Tags?.Count ?? 0); i++)
        {
            var tag = build.Spec.Tags![i];
            var path = $"{build.Root}tags[{i}]";
            if (tag.Key is null)
            {
                build.Report.AddIfSet(tag.Value, path, ".value", Disposition.Ignored, "a tag without a key");

                continue;
            }

            var key = WellKnownLabels.TagPrefix + KubeNames.KeyName(tag.Key);
            var value = KubeNames.LabelValue(tag.Value);
            if (!taken.Add(key))
            {
                build.Report.Approximated(path + ".key", $"pod label {key} is already taken by an earlier tag after sanitising; this tag is dropped");
                build.Report.AddIfSet(tag.Value, path, ".value", Disposition.Approximated, "dropped with its key");

                continue;
            }

            build.Labels[key] = value;
            if (key == WellKnownLabels.TagPrefix + tag.Key)
            {
                build.Report.Mapped(path + ".key", $"pod label {key}");
            }
            else
            {
                build.Report.Approximated(path + ".key", $"pod label {key} (sanitised to label key rules)");
            }

            if (tag.Value is not null)
            {
                if (value == tag.Value)
                {
                    build.Report.Mapped(path + ".value", "label value");
                }
                else
                {
                    build.Report.Approximated(path + ".value", $"label value sanitised to '{value}' (63 characters of [A-Za-z0-9._-])");
                }
            }
        }
    }
}
