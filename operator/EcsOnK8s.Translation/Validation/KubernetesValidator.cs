using System.Globalization;
using EcsOnK8s.Translation.Naming;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Translation.Validation;

// Longer than our ~400-line guide on purpose: one pure walk down the rendered object tree (metadata, pod spec,
// containers, ports, variables, probes, resources, DNS, security, scheduling, Service), one short method per API-server
// rule set, sharing one error list. Split by file, the walk would be read across files for no gain in isolation.
/// <summary>
/// The API server's validation (k8s.io/kubernetes pkg/apis/core/validation, apps and batch) of what the renderer can
/// get wrong, run on rendered objects before anything is written: object names, labels and annotations, pod
/// templates (containers, ports, variables, mounts, probes, resources, DNS, host aliases, sysctls, scheduling) and
/// Service ports, plus the uniqueness that server-side apply needs of keyed lists (variables by name, ports by port
/// and protocol, mounts by path). Mappers check the ECS fields they read and name them; this is the net under them,
/// so that an input no mapper foresaw is refused before a revision registers or a workload moves to it, never by
/// the API server after. Pure.
/// </summary>
public static class KubernetesValidator
{
    /// <summary>Largest total size of an object's annotations (keys and values), as the API server counts it.</summary>
    public const int MaxAnnotationsBytes = 256 * 1024;

    private const int MaxCronJobNameLength = 52;

    private static readonly string[] s_protocols = ["TCP", "UDP", "SCTP"];

    /// <summary>Everything in <paramref name="obj"/> that Kubernetes 1.<paramref name="kubernetesMinor"/> would refuse; empty when nothing.</summary>
    public static IReadOnlyList<FieldError> Validate(IKubernetesObject<V1ObjectMeta> obj, int kubernetesMinor)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var errors = new List<FieldError>();
        var kind = obj.Kind ?? obj.GetType().Name;
        ObjectMeta(obj.Metadata, "metadata", NameRule(kind), errors);
        switch (obj)
        {
            case V1Deployment d:
                Selector(d.Spec?.Selector, d.Spec?.Template, "spec", errors);
                NonNegative(d.Spec?.Replicas, "spec", ".replicas", errors);
                NonNegative(d.Spec?.MinReadySeconds, "spec", ".minReadySeconds", errors);
                PodTemplate(d.Spec?.Template, "spec.template", kubernetesMinor, ["Always"], errors);
                break;
            case V1DaemonSet d:
                Selector(d.Spec?.Selector, d.Spec?.Template, "spec", errors);
                PodTemplate(d.Spec?.Template, "spec.template", kubernetesMinor, ["Always"], errors);
                break;
            case V1StatefulSet d:
                Selector(d.Spec?.Selector, d.Spec?.Template, "spec", errors);
                PodTemplate(d.Spec?.Template, "spec.template", kubernetesMinor, ["Always"], errors);
                break;
            case V1Job j:
                Job(j.Spec, "spec", kubernetesMinor, errors);
                break;
            case V1CronJob c:
                if (string.IsNullOrWhiteSpace(c.Spec?.Schedule))
                {
                    errors.Add(new("spec.schedule", "is required"));
                }

                ObjectMeta(c.Spec?.JobTemplate?.Metadata, "spec.jobTemplate.metadata", null, errors);
                Job(c.Spec?.JobTemplate?.Spec, "spec.jobTemplate.spec", kubernetesMinor, errors);
                break;
            case V1Service s:
                Service(s.Spec, "spec", errors);
                break;
            case V1PersistentVolumeClaim claim:
                Quantities(claim.Spec?.Resources?.Requests, "spec", ".resources.requests", errors);
                break;
            default:
                break;
        }

        return errors;
    }

    /// <summary>Adds what Kubernetes 1.<paramref name="kubernetesMinor"/> would refuse in a pod template to <paramref name="errors"/>.</summary>
    public static void PodTemplate(V1PodTemplateSpec? template, string path, int kubernetesMinor, IReadOnlyCollection<string> restartPolicies, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(restartPolicies);
        ArgumentNullException.ThrowIfNull(errors);
        if (template is null)
        {
            errors.Add(new(path, "is required"));
            return;
        }

        ObjectMeta(template.Metadata, path + ".metadata", null, errors);
        if (template.Spec is not { } spec)
        {
            errors.Add(new(path + ".spec", "is required"));
            return;
        }

        PodSpec(spec, path + ".spec", kubernetesMinor, errors);
        if (spec.RestartPolicy is { } policy && !restartPolicies.Contains(policy))
        {
            errors.Add(new(path + ".spec.restartPolicy", $"'{policy}' is not supported here (only {string.Join(", ", restartPolicies)})"));
        }
    }

    private static Func<string, bool>? NameRule(string kind) => kind switch
    {
        "Service" => KubeNames.IsDns1035Label,
        "Job" => KubeNames.IsDnsLabel,
        "CronJob" => n => KubeNames.IsDnsSubdomain(n) && n.Length <= MaxCronJobNameLength,
        _ => KubeNames.IsDnsSubdomain,
    };

    private static void ObjectMeta(V1ObjectMeta? metadata, string path, Func<string, bool>? nameRule, List<FieldError> errors)
    {
        if (metadata is null)
        {
            if (nameRule is not null)
            {
                errors.Add(new(path + ".name", "is required"));
            }

            return;
        }

        if (nameRule is not null && !nameRule(metadata.Name ?? string.Empty))
        {
            errors.Add(new(path + ".name", $"'{metadata.Name}' is not a valid name for this kind of object"));
        }

        Labels(metadata.Labels, path, ".labels", errors);
        long size = 0;
        foreach (var (key, value) in metadata.Annotations ?? new Dictionary<string, string>())
        {
            // The API server checks the lower-cased key; lower-casing only when needed spares a string per annotation.
            if (!KubeNames.IsQualifiedName(key.AsSpan().ContainsAnyInRange('A', 'Z') ? key.ToLowerInvariant() : key))
            {
                errors.Add(new($"{path}.annotations[{key}]", "is not a valid annotation key"));
            }

            size += key.Length + (value?.Length ?? 0);
        }

        if (size > MaxAnnotationsBytes)
        {
            errors.Add(new(path + ".annotations", $"total size {size} exceeds {MaxAnnotationsBytes} bytes"));
        }
    }

    private static void Labels(IDictionary<string, string>? labels, string path, string field, List<FieldError> errors)
    {
        if (labels is null)
        {
            return;
        }

        foreach (var (key, value) in labels)
        {
            if (!KubeNames.IsQualifiedName(key))
            {
                errors.Add(new($"{path}{field}[{key}]", "is not a valid label key"));
            }

            if (!KubeNames.IsLabelValue(value))
            {
                errors.Add(new($"{path}{field}[{key}]", $"'{value}' is not a valid label value (at most 63 characters of [A-Za-z0-9._-], alphanumeric at both ends)"));
            }
        }
    }

    private static void Selector(V1LabelSelector? selector, V1PodTemplateSpec? template, string path, List<FieldError> errors)
    {
        if (selector?.MatchLabels is not { Count: > 0 } match)
        {
            errors.Add(new(path + ".selector", "is required"));
            return;
        }

        Labels(match, path, ".selector.matchLabels", errors);
        var labels = template?.Metadata?.Labels;
        if (match.Any(p => labels is null || !labels.TryGetValue(p.Key, out var v) || v != p.Value))
        {
            errors.Add(new(path + ".template.metadata.labels", "do not match the selector"));
        }
    }

    private static void Job(V1JobSpec? spec, string path, int minor, List<FieldError> errors)
    {
        if (spec is null)
        {
            errors.Add(new(path, "is required"));
            return;
        }

        NonNegative(spec.Parallelism, path, ".parallelism", errors);
        NonNegative(spec.Completions, path, ".completions", errors);
        NonNegative(spec.BackoffLimit, path, ".backoffLimit", errors);
        Positive(spec.ActiveDeadlineSeconds, path, ".activeDeadlineSeconds", errors);
        PodTemplate(spec.Template, path + ".template", minor, ["OnFailure", "Never"], errors);
    }

    private static void PodSpec(V1PodSpec spec, string path, int minor, List<FieldError> errors)
    {
        var volumes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (spec.Volumes?.Count ?? 0); i++)
        {
            var name = spec.Volumes![i].Name;
            if (!KubeNames.IsDnsLabel(name))
            {
                errors.Add(new($"{path}.volumes[{i}].name", $"'{name}' is not a DNS-1123 label"));
            }
            else if (!volumes.Add(name))
            {
                errors.Add(new($"{path}.volumes[{i}].name", $"'{name}' is a duplicate"));
            }
        }

        if (spec.Containers is not { Count: > 0 })
        {
            errors.Add(new(path + ".containers", "at least one container is required"));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var hostPorts = new HashSet<(int, string, string)>();
        for (var i = 0; i < (spec.InitContainers?.Count ?? 0); i++)
        {
            var c = spec.InitContainers![i];
            var p = $"{path}.initContainers[{i}]";
            Container(c, p, minor, volumes, names, hostPorts, errors);
            if (c.RestartPolicy is { } restart && (restart != "Always" || minor < 28))
            {
                errors.Add(new(p + ".restartPolicy", $"'{restart}' is not supported for an init container on Kubernetes 1.{minor}"));
            }

            if (c.RestartPolicy != "Always" && (c.LivenessProbe is not null || c.ReadinessProbe is not null || c.StartupProbe is not null))
            {
                errors.Add(new(p, "an init container takes no probes"));
            }
        }

        for (var i = 0; i < (spec.Containers?.Count ?? 0); i++)
        {
            var c = spec.Containers![i];
            var p = $"{path}.containers[{i}]";
            Container(c, p, minor, volumes, names, hostPorts, errors);
            if (c.RestartPolicy is not null)
            {
                errors.Add(new(p + ".restartPolicy", "is only for init containers"));
            }
        }

        Dns(spec, path, minor, errors);
        if (spec.Hostname is { } hostname && !KubeNames.IsDnsLabel(hostname))
        {
            errors.Add(new(path + ".hostname", $"'{hostname}' is not a DNS-1123 label"));
        }

        if (spec.Subdomain is { } subdomain && !KubeNames.IsDnsLabel(subdomain))
        {
            errors.Add(new(path + ".subdomain", $"'{subdomain}' is not a DNS-1123 label"));
        }

        var ips = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (spec.HostAliases?.Count ?? 0); i++)
        {
            var alias = spec.HostAliases![i];
            var p = $"{path}.hostAliases[{i}]";
            if (!KubeNames.IsIpAddress(alias.Ip))
            {
                errors.Add(new(p + ".ip", $"'{alias.Ip}' is not an IP address"));
            }
            else if (!ips.Add(alias.Ip))
            {
                errors.Add(new(p + ".ip", $"'{alias.Ip}' is a duplicate"));
            }

            for (var j = 0; j < (alias.Hostnames?.Count ?? 0); j++)
            {
                if (!KubeNames.IsDnsSubdomain(alias.Hostnames![j]))
                {
                    errors.Add(new($"{p}.hostnames[{j}]", $"'{alias.Hostnames[j]}' is not a DNS-1123 subdomain"));
                }
            }
        }

        PodSecurity(spec.SecurityContext, path + ".securityContext", errors);
        if (spec.ShareProcessNamespace == true && spec.HostPID == true)
        {
            errors.Add(new(path + ".shareProcessNamespace", "cannot be set with hostPID"));
        }

        NonNegative(spec.TerminationGracePeriodSeconds, path, ".terminationGracePeriodSeconds", errors);
        Positive(spec.ActiveDeadlineSeconds, path, ".activeDeadlineSeconds", errors);
        if (spec.ServiceAccountName is { } account && !KubeNames.IsDnsSubdomain(account))
        {
            errors.Add(new(path + ".serviceAccountName", $"'{account}' is not a DNS-1123 subdomain"));
        }

        for (var i = 0; i < (spec.ImagePullSecrets?.Count ?? 0); i++)
        {
            if (string.IsNullOrEmpty(spec.ImagePullSecrets![i].Name))
            {
                errors.Add(new($"{path}.imagePullSecrets[{i}].name", "is required"));
            }
        }

        Labels(spec.NodeSelector, path, ".nodeSelector", errors);
        Scheduling(spec, path, errors);
    }

    private static void Container(
        V1Container c, string path, int minor, HashSet<string> volumes, HashSet<string> names, HashSet<(int, string, string)> hostPorts, List<FieldError> errors)
    {
        if (!KubeNames.IsDnsLabel(c.Name))
        {
            errors.Add(new(path + ".name", $"'{c.Name}' is not a DNS-1123 label"));
        }
        else if (!names.Add(c.Name))
        {
            errors.Add(new(path + ".name", $"'{c.Name}' is a duplicate"));
        }

        if (string.IsNullOrWhiteSpace(c.Image))
        {
            errors.Add(new(path + ".image", "is required"));
        }

        Ports(c, path, hostPorts, errors);
        Env(c, path, minor, errors);

        var mountPaths = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (c.VolumeMounts?.Count ?? 0); i++)
        {
            var m = c.VolumeMounts![i];
            if (!volumes.Contains(m.Name ?? string.Empty))
            {
                errors.Add(new($"{path}.volumeMounts[{i}].name", $"'{m.Name}' is not a volume of the pod"));
            }

            if (string.IsNullOrEmpty(m.MountPath))
            {
                errors.Add(new($"{path}.volumeMounts[{i}].mountPath", "is required"));
            }
            else if (!mountPaths.Add(m.MountPath))
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
        Resources(c.Resources, path, errors);
        if (c.SecurityContext is { } sc)
        {
            NonNegative(sc.RunAsUser, path, ".securityContext.runAsUser", errors);
            NonNegative(sc.RunAsGroup, path, ".securityContext.runAsGroup", errors);
        }
    }

    private static void Ports(V1Container c, string path, HashSet<(int, string, string)> hostPorts, List<FieldError> errors)
    {
        var keys = new HashSet<(int, string)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (c.Ports?.Count ?? 0); i++)
        {
            var port = c.Ports![i];
            var protocol = port.Protocol ?? "TCP";
            if (port.ContainerPort is < 1 or > 65535)
            {
                errors.Add(new($"{path}.ports[{i}].containerPort", $"{port.ContainerPort} is outside 1-65535"));
            }

            if (!s_protocols.Contains(protocol))
            {
                errors.Add(new($"{path}.ports[{i}].protocol", $"'{protocol}' is not TCP, UDP or SCTP"));
            }

            if (!keys.Add((port.ContainerPort, protocol)))
            {
                errors.Add(new($"{path}.ports[{i}]", $"{port.ContainerPort}/{protocol} is declared twice in the container"));
            }

            if (port.Name is { } name && !KubeNames.IsPortName(name))
            {
                errors.Add(new($"{path}.ports[{i}].name", $"'{name}' is not an IANA service name (at most 15 characters of [a-z0-9-], with a letter)"));
            }
            else if (port.Name is not null && !names.Add(port.Name))
            {
                errors.Add(new($"{path}.ports[{i}].name", $"'{port.Name}' is a duplicate"));
            }

            if (port.HostPort is { } hostPort and not 0)
            {
                if (hostPort is < 1 or > 65535)
                {
                    errors.Add(new($"{path}.ports[{i}].hostPort", $"{hostPort} is outside 1-65535"));
                }
                else if (!hostPorts.Add((hostPort, protocol, port.HostIP ?? string.Empty)))
                {
                    errors.Add(new($"{path}.ports[{i}].hostPort", $"{hostPort}/{protocol} is a duplicate in the pod"));
                }
            }
        }
    }

    private static void Env(V1Container c, string path, int minor, List<FieldError> errors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (c.Env?.Count ?? 0); i++)
        {
            var e = c.Env![i];
            if (!KubeNames.IsEnvVarName(e.Name, minor))
            {
                errors.Add(new($"{path}.env[{i}].name", $"'{e.Name}' is not a valid environment variable name for Kubernetes 1.{minor}"));
            }
            else if (!names.Add(e.Name))
            {
                errors.Add(new($"{path}.env[{i}].name", $"'{e.Name}' is a duplicate"));
            }

            if (e.ValueFrom?.SecretKeyRef is { } secret)
            {
                Reference(secret.Name, secret.Key, $"{path}.env[{i}].valueFrom.secretKeyRef", errors);
            }
            else if (e.ValueFrom?.ConfigMapKeyRef is { } configMap)
            {
                Reference(configMap.Name, configMap.Key, $"{path}.env[{i}].valueFrom.configMapKeyRef", errors);
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

    private static void Reference(string? name, string? key, string path, List<FieldError> errors)
    {
        if (!KubeNames.IsDnsSubdomain(name))
        {
            errors.Add(new(path + ".name", $"'{name}' is not a DNS-1123 subdomain"));
        }

        if (string.IsNullOrEmpty(key) || key.Length > KubeNames.MaxSubdomainLength || key is "." or ".."
            || !key.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.'))
        {
            errors.Add(new(path + ".key", $"'{key}' is not a valid key (at most 253 characters of [-._a-zA-Z0-9])"));
        }
    }

    private static void Probe(V1Probe? probe, string containerPath, string field, bool successMustBeOne, List<FieldError> errors)
    {
        if (probe is null)
        {
            return;
        }

        var path = containerPath + field;

        var handlers = (probe.Exec is null ? 0 : 1) + (probe.HttpGet is null ? 0 : 1) + (probe.TcpSocket is null ? 0 : 1) + (probe.Grpc is null ? 0 : 1);
        if (handlers != 1)
        {
            errors.Add(new(path, "must have exactly one handler"));
        }

        if (probe.Exec is { } exec && exec.Command is not { Count: > 0 })
        {
            errors.Add(new(path + ".exec.command", "is required"));
        }

        NonNegative(probe.InitialDelaySeconds, path, ".initialDelaySeconds", errors);
        NonNegative(probe.TimeoutSeconds, path, ".timeoutSeconds", errors);
        NonNegative(probe.PeriodSeconds, path, ".periodSeconds", errors);
        NonNegative(probe.SuccessThreshold, path, ".successThreshold", errors);
        NonNegative(probe.FailureThreshold, path, ".failureThreshold", errors);
        if (successMustBeOne && probe.SuccessThreshold is not null and not 1)
        {
            errors.Add(new(path + ".successThreshold", "must be 1"));
        }
    }

    private static void Resources(V1ResourceRequirements? resources, string containerPath, List<FieldError> errors)
    {
        if (resources is null)
        {
            return;
        }

        Quantities(resources.Requests, containerPath, ".resources.requests", errors);
        Quantities(resources.Limits, containerPath, ".resources.limits", errors);
        foreach (var (name, request) in resources.Requests ?? new Dictionary<string, ResourceQuantity>())
        {
            ResourceQuantity? limit = null;
            var hasLimit = resources.Limits?.TryGetValue(name, out limit) == true;
            decimal parsed = 0;
            if (!TryDecimal(request, out var r) || (hasLimit && !TryDecimal(limit, out parsed)))
            {
                // An unparseable quantity is reported by Quantities already.
                continue;
            }

            decimal? l = hasLimit ? parsed : null;
            if (IsExtended(name))
            {
                if (l is null)
                {
                    errors.Add(new($"{containerPath}.resources.limits[{name}]", "an extended resource needs a limit equal to its request"));
                }
                else if (l != r)
                {
                    errors.Add(new($"{containerPath}.resources.requests[{name}]", $"must equal the limit ({limit}) for an extended resource"));
                }
            }
            else if (l is { } max && r > max)
            {
                errors.Add(new($"{containerPath}.resources.requests[{name}]", $"{request} exceeds the limit {limit}"));
            }
        }
    }

    private static bool IsExtended(string name) =>
        name.Contains('/', StringComparison.Ordinal) && !name.StartsWith("kubernetes.io/", StringComparison.Ordinal)
        && !name.Contains(".kubernetes.io/", StringComparison.Ordinal) && !name.StartsWith("requests.", StringComparison.Ordinal);

    private static void Quantities(IDictionary<string, ResourceQuantity>? quantities, string path, string field, List<FieldError> errors)
    {
        if (quantities is null)
        {
            return;
        }

        foreach (var (name, quantity) in quantities)
        {
            if (!KubeNames.IsQualifiedName(name))
            {
                errors.Add(new($"{path}{field}[{name}]", "is not a valid resource name"));
            }

            // A ResourceQuantity exists only once its text parsed, and is written in canonical form, so its value is
            // the check: its ToString (the canonical form, about 3 µs a call) would double the time of a whole render.
            if (!TryDecimal(quantity, out var value))
            {
                errors.Add(new($"{path}{field}[{name}]", $"'{quantity}' is not a valid quantity"));
            }
            else if (value < 0)
            {
                errors.Add(new($"{path}{field}[{name}]", $"'{quantity}' must not be negative"));
            }
            else if (IsExtended(name) && value != decimal.Truncate(value))
            {
                errors.Add(new($"{path}{field}[{name}]", $"'{quantity}' must be a whole number for an extended resource"));
            }
        }
    }

    private static bool TryDecimal(ResourceQuantity? quantity, out decimal value)
    {
        value = 0;
        if (quantity is null)
        {
            return false;
        }

        try
        {
            value = quantity.ToDecimal();
            return true;
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            return false;
        }
    }

    private static void Dns(V1PodSpec spec, string path, int minor, List<FieldError> errors)
    {
        if (spec.DnsPolicy is { } policy && policy is not ("ClusterFirst" or "ClusterFirstWithHostNet" or "Default" or "None"))
        {
            errors.Add(new(path + ".dnsPolicy", $"'{policy}' is not a DNS policy"));
        }

        var config = spec.DnsConfig;
        if (spec.DnsPolicy == "None" && config?.Nameservers is not { Count: > 0 })
        {
            errors.Add(new(path + ".dnsConfig.nameservers", "at least one name server is required with dnsPolicy None"));
        }

        if (config is null)
        {
            return;
        }

        var p = path + ".dnsConfig";
        if (config.Nameservers?.Count > 3)
        {
            errors.Add(new(p + ".nameservers", $"{config.Nameservers.Count} name servers; at most 3"));
        }

        for (var i = 0; i < (config.Nameservers?.Count ?? 0); i++)
        {
            if (!KubeNames.IsIpAddress(config.Nameservers![i]))
            {
                errors.Add(new($"{p}.nameservers[{i}]", $"'{config.Nameservers[i]}' is not an IP address"));
            }
        }

        var (maxSearches, maxChars) = minor >= 28 ? (32, 2048) : (6, 256);
        var searches = config.Searches ?? [];
        if (searches.Count > maxSearches)
        {
            errors.Add(new(p + ".searches", $"{searches.Count} search domains; at most {maxSearches} on Kubernetes 1.{minor}"));
        }

        var chars = searches.Sum(s => s.Length) + Math.Max(0, searches.Count - 1);
        if (chars > maxChars)
        {
            errors.Add(new(p + ".searches", $"{chars} characters in the search list; at most {maxChars} on Kubernetes 1.{minor}"));
        }

        for (var i = 0; i < searches.Count; i++)
        {
            if (!KubeNames.IsDnsSearchDomain(searches[i]))
            {
                errors.Add(new($"{p}.searches[{i}]", $"'{searches[i]}' is not a DNS-1123 subdomain"));
            }
        }

        for (var i = 0; i < (config.Options?.Count ?? 0); i++)
        {
            if (string.IsNullOrEmpty(config.Options![i].Name))
            {
                errors.Add(new($"{p}.options[{i}].name", "is required"));
            }
        }
    }

    private static void PodSecurity(V1PodSecurityContext? sc, string path, List<FieldError> errors)
    {
        if (sc is null)
        {
            return;
        }

        NonNegative(sc.RunAsUser, path, ".runAsUser", errors);
        NonNegative(sc.RunAsGroup, path, ".runAsGroup", errors);
        NonNegative(sc.FsGroup, path, ".fsGroup", errors);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (sc.Sysctls?.Count ?? 0); i++)
        {
            var name = sc.Sysctls![i].Name;
            if (!KubeNames.IsSysctlName(name))
            {
                errors.Add(new($"{path}.sysctls[{i}].name", $"'{name}' is not a sysctl name"));
            }
            else if (!names.Add(name))
            {
                errors.Add(new($"{path}.sysctls[{i}].name", $"'{name}' is a duplicate"));
            }
        }
    }

    private static void Scheduling(V1PodSpec spec, string path, List<FieldError> errors)
    {
        for (var i = 0; i < (spec.Tolerations?.Count ?? 0); i++)
        {
            var t = spec.Tolerations![i];
            if (!string.IsNullOrEmpty(t.Key) && !KubeNames.IsQualifiedName(t.Key))
            {
                errors.Add(new($"{path}.tolerations[{i}].key", $"'{t.Key}' is not a valid label key"));
            }

            if (t.OperatorProperty == "Exists" && !string.IsNullOrEmpty(t.Value))
            {
                errors.Add(new($"{path}.tolerations[{i}].value", "must be empty with operator Exists"));
            }
        }

        var spreads = new HashSet<(string, string)>();
        for (var i = 0; i < (spec.TopologySpreadConstraints?.Count ?? 0); i++)
        {
            var t = spec.TopologySpreadConstraints![i];
            if (t.MaxSkew < 1)
            {
                errors.Add(new($"{path}.topologySpreadConstraints[{i}].maxSkew", "must be at least 1"));
            }

            if (!KubeNames.IsQualifiedName(t.TopologyKey))
            {
                errors.Add(new($"{path}.topologySpreadConstraints[{i}].topologyKey", $"'{t.TopologyKey}' is not a valid label key"));
            }

            if (t.WhenUnsatisfiable is not ("DoNotSchedule" or "ScheduleAnyway"))
            {
                errors.Add(new($"{path}.topologySpreadConstraints[{i}].whenUnsatisfiable", $"'{t.WhenUnsatisfiable}' is not DoNotSchedule or ScheduleAnyway"));
            }

            if (!spreads.Add((t.TopologyKey ?? string.Empty, t.WhenUnsatisfiable ?? string.Empty)))
            {
                errors.Add(new($"{path}.topologySpreadConstraints[{i}]", "a duplicate of an earlier constraint (topologyKey and whenUnsatisfiable)"));
            }
        }

        var terms = spec.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution?.NodeSelectorTerms ?? [];
        for (var i = 0; i < terms.Count; i++)
        {
            var p = $"{path}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[{i}]";
            for (var j = 0; j < (terms[i].MatchExpressions?.Count ?? 0); j++)
            {
                var r = terms[i].MatchExpressions![j];
                var rp = $"{p}.matchExpressions[{j}]";
                if (!KubeNames.IsQualifiedName(r.Key))
                {
                    errors.Add(new(rp + ".key", $"'{r.Key}' is not a valid label key"));
                }

                var values = r.Values?.Count ?? 0;
                var ok = r.OperatorProperty switch
                {
                    "In" or "NotIn" => values > 0,
                    "Exists" or "DoesNotExist" => values == 0,
                    "Gt" or "Lt" => values == 1 && long.TryParse(r.Values![0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
                    _ => false,
                };
                if (!ok)
                {
                    errors.Add(new(rp + ".values", $"do not fit operator '{r.OperatorProperty}'"));
                }
            }
        }
    }

    private static void Service(V1ServiceSpec? spec, string path, List<FieldError> errors)
    {
        if (spec is null)
        {
            errors.Add(new(path, "is required"));
            return;
        }

        Labels(spec.Selector, path, ".selector", errors);
        var ports = spec.Ports ?? [];
        if (ports.Count == 0 && spec.ClusterIP != "None")
        {
            errors.Add(new(path + ".ports", "at least one port is required"));
        }

        var keys = new HashSet<(int, string)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ports.Count; i++)
        {
            var port = ports[i];
            var protocol = port.Protocol ?? "TCP";
            if (port.Port is < 1 or > 65535)
            {
                errors.Add(new($"{path}.ports[{i}].port", $"{port.Port} is outside 1-65535"));
            }

            if (!s_protocols.Contains(protocol))
            {
                errors.Add(new($"{path}.ports[{i}].protocol", $"'{protocol}' is not TCP, UDP or SCTP"));
            }

            if (!keys.Add((port.Port, protocol)))
            {
                errors.Add(new($"{path}.ports[{i}]", $"{port.Port}/{protocol} is a duplicate"));
            }

            if (ports.Count > 1 && string.IsNullOrEmpty(port.Name))
            {
                errors.Add(new($"{path}.ports[{i}].name", "is required when a Service has several ports"));
            }
            else if (!string.IsNullOrEmpty(port.Name) && !KubeNames.IsDnsLabel(port.Name))
            {
                errors.Add(new($"{path}.ports[{i}].name", $"'{port.Name}' is not a DNS-1123 label"));
            }
            else if (!string.IsNullOrEmpty(port.Name) && !names.Add(port.Name))
            {
                errors.Add(new($"{path}.ports[{i}].name", $"'{port.Name}' is a duplicate"));
            }

            if (port.TargetPort is { } target)
            {
                var text = target.Value;
                var ok = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                    ? number is >= 1 and <= 65535
                    : KubeNames.IsPortName(text);
                if (!ok)
                {
                    errors.Add(new($"{path}.ports[{i}].targetPort", $"'{text}' is neither a port number nor a port name"));
                }
            }
        }
    }

    // The field's path is joined only for an error: a render checks hundreds of fields and nearly all pass.
    private static void NonNegative(long? value, string path, string field, List<FieldError> errors)
    {
        if (value < 0)
        {
            errors.Add(new(path + field, $"{value} must not be negative"));
        }
    }

    private static void Positive(long? value, string path, string field, List<FieldError> errors)
    {
        if (value < 1)
        {
            errors.Add(new(path + field, $"{value} must be at least 1"));
        }
    }
}
