using System.Buffers;
using EcsOnK8s.Translation.Naming;
using k8s.Models;

namespace EcsOnK8s.Translation.Validation;

/// <summary>The API server's rules for one container: name, image, ports, variables, mounts, probes, resources.</summary>
internal static class ContainerRules
{
    // The characters of a ConfigMap or Secret key.
    private static readonly SearchValues<char> s_keyChars =
        SearchValues.Create("-._0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    internal static void Container(
        V1Container c, string path, int minor, HashSet<string>? volumes, HashSet<string>? names, HashSet<(int, string, string)>? hostPorts, List<FieldError> errors)
    {
        if (!KubeNames.IsDnsLabel(c.Name))
        {
            errors.Add(new(path + ".name", $"'{c.Name}' is not a DNS-1123 label"));
        }
        else if (names?.Add(c.Name) == false)
        {
            errors.Add(new(path + ".name", $"'{c.Name}' is a duplicate"));
        }

        if (string.IsNullOrWhiteSpace(c.Image))
        {
            errors.Add(new(path + ".image", "is required"));
        }

        Ports(c, path, hostPorts, errors);
        Env(c, path, minor, errors);

        // Sets only where a list can hold a duplicate: most containers have one mount, port or variable, or none.
        HashSet<string>? mountPaths = c.VolumeMounts is { Count: > 1 } ? new(StringComparer.Ordinal) : null;
        for (var i = 0; i < (c.VolumeMounts?.Count ?? 0); i++)
        {
            var m = c.VolumeMounts![i];
            if (volumes?.Contains(m.Name ?? string.Empty) != true)
            {
                errors.Add(new($"{path}.volumeMounts[{i}].name", $"'{m.Name}' is not a volume of the pod"));
            }

            if (string.IsNullOrEmpty(m.MountPath))
            {
                errors.Add(new($"{path}.volumeMounts[{i}].mountPath", "is required"));
            }
            else if (mountPaths?.Add(m.MountPath) == false)
            {
                errors.Add(new($"{path}.volumeMounts[{i}].mountPath", $"'{m.MountPath}' is mounted twice"));
            }

            if (m.SubPath is { Length: > 0 } sub && (sub.StartsWith('/') || sub.Split('/').Contains("..")))
            {
                errors.Add(new($"{path}.volumeMounts[{i}].subPath", $"'{sub}' must be a relative path without '..'"));
            }
        }

        Probe(c.LivenessProbe, path, ".livenessProbe", successMustBeOne: true, errors);
        Probe(c.ReadinessProbe, path, ".readinessProbe", successMustBeOne: false, errors);
        Probe(c.StartupProbe, path, ".startupProbe", successMustBeOne: true, errors);
        ResourceRules.Resources(c.Resources, path, errors);
        if (c.SecurityContext is { } sc)
        {
            FieldRules.NonNegative(sc.RunAsUser, path, ".securityContext.runAsUser", errors);
            FieldRules.NonNegative(sc.RunAsGroup, path, ".securityContext.runAsGroup", errors);
        }
    }

    internal static void Ports(V1Container c, string path, HashSet<(int, string, string)>? hostPorts, List<FieldError> errors)
    {
        HashSet<(int, string)>? keys = c.Ports is { Count: > 1 } ? [] : null;
        HashSet<string>? names = c.Ports is { Count: > 1 } ? new(StringComparer.Ordinal) : null;
        for (var i = 0; i < (c.Ports?.Count ?? 0); i++)
        {
            var port = c.Ports![i];
            var protocol = port.Protocol ?? "TCP";
            if (port.ContainerPort is < 1 or > 65535)
            {
                errors.Add(new($"{path}.ports[{i}].containerPort", $"{port.ContainerPort} is outside 1-65535"));
            }

            if (!FieldRules.Protocols.Contains(protocol))
            {
                errors.Add(new($"{path}.ports[{i}].protocol", $"'{protocol}' is not TCP, UDP or SCTP"));
            }

            if (keys?.Add((port.ContainerPort, protocol)) == false)
            {
                errors.Add(new($"{path}.ports[{i}]", $"{port.ContainerPort}/{protocol} is declared twice in the container"));
            }

            if (port.Name is { } name && !KubeNames.IsPortName(name))
            {
                errors.Add(new($"{path}.ports[{i}].name", $"'{name}' is not an IANA service name (at most 15 characters of [a-z0-9-], with a letter)"));
            }
            else if (port.Name is not null && names?.Add(port.Name) == false)
            {
                errors.Add(new($"{path}.ports[{i}].name", $"'{port.Name}' is a duplicate"));
            }

            if (port.HostPort is { } hostPort and not 0)
            {
                if (hostPort is < 1 or > 65535)
                {
                    errors.Add(new($"{path}.ports[{i}].hostPort", $"{hostPort} is outside 1-65535"));
                }
                else if (hostPorts?.Add((hostPort, protocol, port.HostIP ?? string.Empty)) == false)
                {
                    errors.Add(new($"{path}.ports[{i}].hostPort", $"{hostPort}/{protocol} is a duplicate in the pod"));
                }
            }
        }
    }

    internal static void Env(V1Container c, string path, int minor, List<FieldError> errors)
    {
        HashSet<string>? names = c.Env is { Count: > 1 } ? new(StringComparer.Ordinal) : null;
        for (var i = 0; i < (c.Env?.Count ?? 0); i++)
        {
            var e = c.Env![i];
            if (!KubeNames.IsEnvVarName(e.Name, minor))
            {
                errors.Add(new($"{path}.env[{i}].name", $"'{e.Name}' is not a valid environment variable name for Kubernetes 1.{minor}"));
            }
            else if (names?.Add(e.Name) == false)
            {
                errors.Add(new($"{path}.env[{i}].name", $"'{e.Name}' is a duplicate"));
            }

            if (e.ValueFrom?.SecretKeyRef is { } secret)
            {
                Reference(secret.Name, secret.Key, path, i, "secretKeyRef", errors);
            }
            else if (e.ValueFrom?.ConfigMapKeyRef is { } configMap)
            {
                Reference(configMap.Name, configMap.Key, path, i, "configMapKeyRef", errors);
            }
        }

        for (var i = 0; i < (c.EnvFrom?.Count ?? 0); i++)
        {
            var source = c.EnvFrom![i];
            var name = source.ConfigMapRef?.Name ?? source.SecretRef?.Name;
            if (!KubeNames.IsDnsSubdomain(name))
            {
                errors.Add(new($"{path}.envFrom[{i}]", $"'{name}' is not a DNS-1123 subdomain"));
            }
        }
    }

    /// <summary>The <c>env[index].valueFrom.&lt;source&gt;</c> reference of a container; its path is built only on error.</summary>
    internal static void Reference(string? name, string? key, string containerPath, int index, string source, List<FieldError> errors)
    {
        if (!KubeNames.IsDnsSubdomain(name))
        {
            errors.Add(new($"{containerPath}.env[{index}].valueFrom.{source}.name", $"'{name}' is not a DNS-1123 subdomain"));
        }

        if (string.IsNullOrEmpty(key) || key.Length > KubeNames.MaxSubdomainLength || key is "." or ".."
            || key.AsSpan().ContainsAnyExcept(s_keyChars))
        {
            errors.Add(new($"{containerPath}.env[{index}].valueFrom.{source}.key", $"'{key}' is not a valid key (at most 253 characters of [-._a-zA-Z0-9])"));
        }
    }

    internal static void Probe(V1Probe? probe, string containerPath, string field, bool successMustBeOne, List<FieldError> errors)
    {
        if (probe is null)
        {
            return;
        }

        var handlers = (probe.Exec is null ? 0 : 1) + (probe.HttpGet is null ? 0 : 1) + (probe.TcpSocket is null ? 0 : 1) + (probe.Grpc is null ? 0 : 1);
        if (handlers != 1)
        {
            errors.Add(new(containerPath + field, "must have exactly one handler"));
        }

        if (probe.Exec is { } exec && exec.Command is not { Count: > 0 })
        {
            errors.Add(new(containerPath + field + ".exec.command", "is required"));
        }

        FieldRules.NonNegative(probe.InitialDelaySeconds, containerPath, field, ".initialDelaySeconds", errors);
        FieldRules.NonNegative(probe.TimeoutSeconds, containerPath, field, ".timeoutSeconds", errors);
        FieldRules.NonNegative(probe.PeriodSeconds, containerPath, field, ".periodSeconds", errors);
        FieldRules.NonNegative(probe.SuccessThreshold, containerPath, field, ".successThreshold", errors);
        FieldRules.NonNegative(probe.FailureThreshold, containerPath, field, ".failureThreshold", errors);
        if (successMustBeOne && probe.SuccessThreshold is not null and not 1)
        {
            errors.Add(new(containerPath + field + ".successThreshold", "must be 1"));
        }
    }
}
