using System.Globalization;
using k8s.Models;

namespace EcsOnK8s.Translation.Pods.Containers;

/// <summary>One container definition's own fields (resources, dependencies and mounts are done elsewhere).</summary>
internal static partial class ContainerMapper
{
    public static void Map(PodBuildState s, ContainerPlan plan)
    {
        var d = plan.Definition;
        var c = plan.Container;
        var p = plan.Path;
        var r = s.Report;

        if (string.IsNullOrWhiteSpace(d.Image))
        {
            r.Rejected(p + ".image", "a container needs an image");
        }
        else
        {
            c.Image = d.Image;
            r.Mapped(p + ".image");
        }

        if (d.EntryPoint is not null)
        {
            c.Command = [.. d.EntryPoint];
            r.Mapped(p + ".entryPoint", "command (never split)");
        }

        if (d.Command is not null)
        {
            c.Args = [.. d.Command];
            r.Mapped(p + ".command", "args (never split)");
        }

        if (d.WorkingDirectory is not null)
        {
            c.WorkingDir = d.WorkingDirectory;
            r.Mapped(p + ".workingDirectory", "workingDir");
        }

        if (d.Interactive is not null)
        {
            c.Stdin = d.Interactive;
            r.Mapped(p + ".interactive", "stdin");
        }

        if (d.PseudoTerminal is not null)
        {
            c.Tty = d.PseudoTerminal;
            r.Mapped(p + ".pseudoTerminal", "tty");
        }

        if (d.Essential is not null)
        {
            if (d.Essential.Value)
            {
                r.Mapped(p + ".essential", "listed in the ecsonk8s.io/essential-containers annotation: the operator stops the task when it exits");
            }
            else
            {
                r.Approximated(p + ".essential", s.Context.RunToCompletion
                    ? "non-essential: its exit does not stop the task"
                    : "non-essential: Kubernetes restarts it when it exits, where ECS leaves it stopped");
            }
        }

        Environment(s, plan);
        Ports(s, plan);
        Security(s, plan);
        LinuxParameters(s, plan);
        HealthCheck(s, plan);
        PodLevel(s, plan);
        Ignorable(s, plan);
    }

    private static void Environment(PodBuildState s, ContainerPlan plan)
    {
        var d = plan.Definition;
        var p = plan.Path;
        var env = new List<V1EnvVar>();
        // A container's variables are a list keyed by name in Kubernetes: the API server refuses a name twice, where
        // ECS (Docker) would take the last value; refusing names the clash instead of dropping a value unseen.
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < (d.Environment?.Count ?? 0); i++)
        {
            var e = d.Environment![i];
            var path = $"{p}.environment[{i}]";
            if (!ValidEnvName(e.Name, path, s) || !UniqueEnvName(e.Name!, path, names, s))
            {
                if (e.Value is not null)
                {
                    s.Report.Rejected(path + ".value", "belongs to an invalid variable");
                }

                continue;
            }

            env.Add(new V1EnvVar { Name = e.Name, Value = e.Value ?? string.Empty });
            s.Report.Mapped(path + ".name", "env (order kept)");
            if (e.Value is not null)
            {
                s.Report.Mapped(path + ".value");
            }
        }

        var externalSecrets = s.Context.Cluster.Secrets?.Provider == "ExternalSecrets";
        for (var i = 0; i < (d.Secrets?.Count ?? 0); i++)
        {
            var secret = d.Secrets![i];
            var path = $"{p}.secrets[{i}]";
            if (!ValidEnvName(secret.Name, path, s) || !UniqueEnvName(secret.Name!, path, names, s))
            {
                if (secret.ValueFrom is not null)
                {
                    s.Report.Rejected(path + ".valueFrom", "belongs to an invalid variable");
                }

                continue;
            }

            if (string.IsNullOrWhiteSpace(secret.ValueFrom))
            {
                s.ReportAll(secret, path, Report.Disposition.Rejected, "a secret needs valueFrom (a Secrets Manager ARN or an SSM parameter)");
                continue;
            }

            var reference = SecretMapper.Reference(s, secret.ValueFrom, path + ".valueFrom", externalSecrets);
            env.Add(new V1EnvVar
            {
                Name = secret.Name,
                ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = reference.SecretName, Key = reference.Key } },
            });
            s.Report.Mapped(path + ".name", "env from a Secret (by reference)");
        }

        if (env.Count > 0)
        {
            plan.Container.Env = env;
        }

        var envFrom = new List<V1EnvFromSource>();
        for (var i = 0; i < (d.EnvironmentFiles?.Count ?? 0); i++)
        {
            var f = d.EnvironmentFiles![i];
            var path = $"{p}.environmentFiles[{i}]";
            if (f.Type is not null && f.Type != "s3")
            {
                s.Report.Rejected(path + ".type", $"unknown environment file type '{f.Type}'");
            }
            else if (f.Type is not null)
            {
                s.Report.Mapped(path + ".type");
            }

            if (string.IsNullOrWhiteSpace(f.Value))
            {
                continue;
            }

            var name = EnvironmentFileConfigMap(f.Value);
            envFrom.Add(new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = name } });
            s.Report.Approximated(path + ".value", $"envFrom ConfigMap {name}: EcsOnK8s does not read S3; create the ConfigMap from the file");
        }

        if (envFrom.Count > 0)
        {
            plan.Container.EnvFrom = envFrom;
        }
    }

    /// <summary>The ConfigMap standing for an S3 environment file: the object key, sanitised, prefixed "env-".</summary>
    internal static string EnvironmentFileConfigMap(string s3Arn)
    {
        // arn:aws:s3:::bucket/path/file.env
        var resource = s3Arn.StartsWith("arn:", StringComparison.Ordinal) ? s3Arn[(s3Arn.LastIndexOf(':') + 1)..] : s3Arn;
        var slash = resource.IndexOf('/', StringComparison.Ordinal);
        var key = slash >= 0 ? resource[(slash + 1)..] : resource;
        if (key.EndsWith(".env", StringComparison.OrdinalIgnoreCase))
        {
            key = key[..^4];
        }

        return KubeNames.SanitizeSubdomain("env-" + key.Replace('/', '-'));
    }

    private static bool UniqueEnvName(string name, string path, Dictionary<string, string> names, PodBuildState s)
    {
        if (names.TryAdd(name, path))
        {
            return true;
        }

        s.Report.Rejected(path + ".name", $"'{name}' is already set by {names[name]}: Kubernetes refuses a variable name twice in one container");
        return false;
    }

    private static bool ValidEnvName(string? name, string path, PodBuildState s)
    {
        if (string.IsNullOrEmpty(name))
        {
            s.Report.Rejected(path + ".name", "an environment variable needs a name");
            return false;
        }

        var ok = KubeNames.IsEnvVarName(name, s.Context.Capabilities.KubernetesMinor);
        if (!ok)
        {
            s.Report.Rejected(path + ".name", $"'{name}' is not a valid environment variable name for Kubernetes 1.{s.Context.Capabilities.KubernetesMinor}");
        }

        return ok;
    }

    private static void Ports(PodBuildState s, ContainerPlan plan)
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

    private static void Security(PodBuildState s, ContainerPlan plan)
    {
        var d = plan.Definition;
        var p = plan.Path;
        var sc = plan.Container.SecurityContext ?? new V1SecurityContext();

        if (d.Privileged is not null)
        {
            if (d.Privileged.Value)
            {
                if (s.Policy.AllowPrivileged != true)
                {
                    s.Report.Rejected(p + ".privileged", s.Refusal("privileged containers", "allowPrivileged"));
                }
                else
                {
                    s.Report.Mapped(p + ".privileged", "securityContext.privileged");
                }

                sc.Privileged = true;
            }
            else
            {
                s.Report.Mapped(p + ".privileged", "not privileged");
            }
        }

        if (d.ReadonlyRootFilesystem is not null)
        {
            sc.ReadOnlyRootFilesystem = d.ReadonlyRootFilesystem;
            s.Report.Mapped(p + ".readonlyRootFilesystem", "securityContext.readOnlyRootFilesystem");
        }

        if (d.User is { } user)
        {
            var parts = user.Split(':', 2);
            var uid = ParseId(parts[0]);
            long? gid = parts.Length > 1 ? ParseId(parts[1]) : null;
            if (uid is not null)
            {
                sc.RunAsUser = uid;
            }

            if (gid is not null)
            {
                sc.RunAsGroup = gid;
            }

            if (uid is not null && (parts.Length == 1 || gid is not null))
            {
                s.Report.Mapped(p + ".user", gid is null ? "securityContext.runAsUser" : "securityContext.runAsUser and runAsGroup");
            }
            else
            {
                s.Report.Approximated(p + ".user", $"Kubernetes needs numeric ids: '{user}' is {(uid is null ? "left to the image's user" : "kept as runAsUser only, the group name is left to the image")}");
            }
        }

        for (var i = 0; i < (d.DockerSecurityOptions?.Count ?? 0); i++)
        {
            var option = d.DockerSecurityOptions![i];
            var path = $"{p}.dockerSecurityOptions[{i}]";
            SecurityOption(s, plan, sc, option, path);
        }

        if (d.DockerSecurityOptions is not null)
        {
            s.Report.Mapped(p + ".dockerSecurityOptions", "each option is listed by index");
        }

        if (HasAny(sc))
        {
            plan.Container.SecurityContext = sc;
        }
    }

    private static void SecurityOption(PodBuildState s, ContainerPlan plan, V1SecurityContext sc, string option, string path)
    {
        var o = option.Trim();
        if (o is "no-new-privileges" or "no-new-privileges:true" or "no-new-privileges=true")
        {
            sc.AllowPrivilegeEscalation = false;
            s.Report.Mapped(path, "securityContext.allowPrivilegeEscalation: false");
            return;
        }

        var sep = o.IndexOfAny([':', '=']);
        var kind = sep < 0 ? o : o[..sep];
        var rest = sep < 0 ? string.Empty : o[(sep + 1)..].Trim();
        switch (kind)
        {
            case "apparmor" when rest.Length > 0:
                var profile = rest switch
                {
                    "unconfined" => "unconfined",
                    "runtime/default" or "docker-default" => "runtime/default",
                    _ => "localhost/" + rest,
                };
                if (profile == "unconfined" && Unconfined(s, path, "unconfined AppArmor profiles"))
                {
                    return;
                }

                s.Annotations["container.apparmor.security.beta.kubernetes.io/" + plan.Name] = profile;
                s.Report.Mapped(path, $"AppArmor annotation {profile}");
                return;
            case "seccomp" when rest == "unconfined":
                if (Unconfined(s, path, "unconfined seccomp profiles"))
                {
                    return;
                }

                sc.SeccompProfile = new V1SeccompProfile { Type = "Unconfined" };
                s.Report.Mapped(path, "securityContext.seccompProfile Unconfined");
                return;
            case "systempaths" when rest == "unconfined":
                if (!Unconfined(s, path, "unmasked system paths (systempaths=unconfined)"))
                {
                    s.Report.Ignored(path, "the container's /proc and /sys paths stay masked (procMount Unmasked is not rendered)");
                }

                return;
            case "label" when rest.Length > 0:
                SeLinuxOption(s, sc, rest, path);
                return;
            case "credentialspec":
                s.Report.Ignored(path, "Windows gMSA credential specs are not supported");
                return;
            default:
                s.Report.Ignored(path, $"Docker security option '{o}' has no Kubernetes counterpart");
                return;
        }
    }

    private static void SeLinuxOption(PodBuildState s, V1SecurityContext sc, string option, string path)
    {
        var sep = option.IndexOfAny([':', '=']);
        var field = sep < 0 ? option : option[..sep];
        var value = sep < 0 ? string.Empty : option[(sep + 1)..];

        // Pod Security baseline: no SELinux user or role, and only the container types; anything else (spc_t, a
        // host type, labelling off) runs the container outside the confinement the runtime gives it.
        var confined = field switch
        {
            "level" => true,
            "type" => ConfinedSeLinuxType(value, s.Context.Capabilities.KubernetesMinor),
            "user" or "role" or "disable" => false,
            _ => true,
        };
        if (!confined && Unconfined(s, path, $"SELinux options that lift confinement (label:{option})"))
        {
            return;
        }

        sc.SeLinuxOptions ??= new V1SELinuxOptions();
        switch (field)
        {
            case "user":
                sc.SeLinuxOptions.User = value;
                break;
            case "role":
                sc.SeLinuxOptions.Role = value;
                break;
            case "type":
                sc.SeLinuxOptions.Type = value;
                break;
            case "level":
                sc.SeLinuxOptions.Level = value;
                break;
            case "disable":
                sc.SeLinuxOptions.Type = "spc_t";
                s.Report.Approximated(path, "SELinux labelling cannot be disabled per container; type spc_t is the closest");
                return;
            default:
                s.Report.Ignored(path, $"unknown SELinux label option '{field}'");
                return;
        }

        s.Report.Mapped(path, "securityContext.seLinuxOptions." + field);
    }

    private static bool ConfinedSeLinuxType(string type, int minor) =>
        type is "" or "container_t" or "container_init_t" or "container_kvm_t" || (minor >= 31 && type == "container_engine_t");

    /// <summary>Records the refusal of an option that lifts confinement unless the policy allows it; true when refused.</summary>
    private static bool Unconfined(PodBuildState s, string path, string what)
    {
        if (s.Policy.AllowUnconfined == true)
        {
            return false;
        }

        s.Report.Rejected(path, s.Refusal(what, "allowUnconfined"));
        return true;
    }

    private static void LinuxParameters(PodBuildState s, ContainerPlan plan)
    {
        if (plan.Definition.LinuxParameters is not { } lp)
        {
            return;
        }

        var p = plan.Path + ".linuxParameters";
        var c = plan.Container;
        if (lp.Capabilities is { } caps)
        {
            var sc = c.SecurityContext ?? new V1SecurityContext();
            var allowed = new HashSet<string>((s.Policy.AllowedCapabilities ?? []).Select(Capability), StringComparer.Ordinal);
            if (caps.Add is not null)
            {
                var add = caps.Add.Select(Capability).Distinct(StringComparer.Ordinal).ToList();
                var refused = add.Where(a => !allowed.Contains(a) && !allowed.Contains("ALL")).ToList();
                if (refused.Count > 0)
                {
                    s.Report.Rejected(
                        p + ".capabilities.add",
                        $"adding capabilities {string.Join(", ", refused)} is refused: EcsCluster {s.Context.ClusterName} spec.policy.allowedCapabilities does not list them");
                }
                else
                {
                    s.Report.Mapped(p + ".capabilities.add", "securityContext.capabilities.add");
                }

                sc.Capabilities ??= new V1Capabilities();
                sc.Capabilities.Add = add;
            }

            if (caps.Drop is not null)
            {
                sc.Capabilities ??= new V1Capabilities();
                sc.Capabilities.Drop = caps.Drop.Select(Capability).Distinct(StringComparer.Ordinal).ToList();
                s.Report.Mapped(p + ".capabilities.drop", "securityContext.capabilities.drop");
            }

            if (HasAny(sc))
            {
                c.SecurityContext = sc;
            }
        }

        for (var i = 0; i < (lp.Devices?.Count ?? 0); i++)
        {
            var dev = lp.Devices![i];
            const string why = "host devices are not supported: they need privileged hostPath access; expose them with a device plugin";
            s.Report.Rejected($"{p}.devices[{i}]", why);
            if (dev.HostPath is not null)
            {
                s.Report.Rejected($"{p}.devices[{i}].hostPath", why);
            }

            if (dev.ContainerPath is not null)
            {
                s.Report.Rejected($"{p}.devices[{i}].containerPath", why);
            }

            if (dev.Permissions is not null)
            {
                s.Report.Rejected($"{p}.devices[{i}].permissions", why);
            }
        }

        if (lp.InitProcessEnabled is not null)
        {
            if (lp.InitProcessEnabled.Value)
            {
                s.InitProcess = true;
                s.Report.Approximated(p + ".initProcessEnabled", "no init is injected into the container; shareProcessNamespace makes the pod's pause process PID 1, which reaps zombies, but the containers then see each other's processes");
            }
            else
            {
                s.Report.Mapped(p + ".initProcessEnabled", "no init process");
            }
        }

        if (lp.SharedMemorySize is { } shm)
        {
            if (shm <= 0)
            {
                s.Report.Rejected(p + ".sharedMemorySize", "the shared memory size must be positive");
            }
            else
            {
                var name = s.VolumeNames.Allocate(KubeNames.Join(plan.Name, "shm"));
                s.Volumes.Add(new V1Volume { Name = name, EmptyDir = new V1EmptyDirVolumeSource { Medium = "Memory", SizeLimit = Quantities.Parse(Quantities.MiB(shm)) } });
                AddMount(c, new V1VolumeMount { Name = name, MountPath = "/dev/shm" });
                s.Report.Mapped(p + ".sharedMemorySize", $"memory-backed emptyDir {name} at /dev/shm (counts against the container's memory limit)");
            }
        }

        for (var i = 0; i < (lp.Tmpfs?.Count ?? 0); i++)
        {
            var t = lp.Tmpfs![i];
            var path = $"{p}.tmpfs[{i}]";
            if (string.IsNullOrEmpty(t.ContainerPath))
            {
                s.ReportAll(t, path, Report.Disposition.Rejected, "a tmpfs mount needs a container path");
                continue;
            }

            var name = s.VolumeNames.Allocate(KubeNames.Join(plan.Name, "tmpfs", i.ToString(CultureInfo.InvariantCulture)));
            var source = new V1EmptyDirVolumeSource { Medium = "Memory" };
            if (t.Size is > 0)
            {
                source.SizeLimit = Quantities.Parse(Quantities.MiB(t.Size.Value));
                s.Report.Mapped(path + ".size", "emptyDir sizeLimit");
            }
            else if (t.Size is not null)
            {
                s.Report.Rejected(path + ".size", "the tmpfs size must be positive");
            }

            s.Volumes.Add(new V1Volume { Name = name, EmptyDir = source });
            AddMount(c, new V1VolumeMount { Name = name, MountPath = t.ContainerPath });
            s.Report.Mapped(path + ".containerPath", $"memory-backed emptyDir {name}");
            if (t.MountOptions is not null)
            {
                s.Report.Approximated(path + ".mountOptions", "emptyDir mounts take no options (noexec, nosuid... are not applied)");
            }
        }

        if (lp.MaxSwap is not null)
        {
            s.Report.Ignored(p + ".maxSwap", "swap is a node setting in Kubernetes (NodeSwap), not a container one");
        }

        if (lp.Swappiness is not null)
        {
            s.Report.Ignored(p + ".swappiness", "swappiness is a node setting in Kubernetes");
        }
    }

    private static void HealthCheck(PodBuildState s, ContainerPlan plan)
    {
        if (plan.Definition.HealthCheck is not { } hc)
        {
            return;
        }

        var p = plan.Path + ".healthCheck";
        var command = hc.Command;
        List<string>? exec = null;
        if (command is null || command.Count == 0)
        {
            s.Report.Rejected(p + ".command", "a health check needs a command");
        }
        else if (command[0] == "CMD-SHELL" && command.Skip(1).All(string.IsNullOrWhiteSpace))
        {
            s.Report.Rejected(p + ".command", "CMD-SHELL needs a command to run");
        }
        else if (command[0] == "CMD-SHELL")
        {
            exec = ["/bin/sh", "-c", string.Join(' ', command.GetRange(1, command.Count - 1))];
            s.Report.Mapped(p + ".command", "exec probe through /bin/sh -c");
        }
        else if (command[0] == "CMD")
        {
            exec = command.GetRange(1, command.Count - 1);
            s.Report.Mapped(p + ".command", "exec probe");
        }
        else if (command[0] == "NONE")
        {
            s.Report.Mapped(p + ".command", "NONE: no health check");
        }
        else
        {
            exec = [.. command];
            s.Report.Approximated(p + ".command", "no CMD/CMD-SHELL prefix: the whole array is executed as is");
        }

        if (exec is { Count: 0 })
        {
            s.Report.Rejected(p + ".command", "the health check command is empty");
            exec = null;
        }

        var interval = Clamp(hc.Interval, 30, 1);
        var timeout = Clamp(hc.Timeout, 5, 1);
        var retries = Clamp(hc.Retries, 3, 1);
        var startPeriod = Math.Max(0, hc.StartPeriod ?? 0);
        if (hc.Interval is not null)
        {
            s.Report.Mapped(p + ".interval", "probe periodSeconds");
        }

        if (hc.Timeout is not null)
        {
            s.Report.Mapped(p + ".timeout", "probe timeoutSeconds");
        }

        if (hc.Retries is not null)
        {
            s.Report.Mapped(p + ".retries", "probe failureThreshold");
        }

        if (hc.StartPeriod is not null)
        {
            s.Report.Mapped(p + ".startPeriod", "startupProbe: failureThreshold = ceil(startPeriod / interval) + retries");
        }

        if (exec is null)
        {
            return;
        }

        V1Probe Probe(int failures) => new()
        {
            Exec = new V1ExecAction { Command = [.. exec] },
            PeriodSeconds = interval,
            TimeoutSeconds = timeout,
            FailureThreshold = failures,
            SuccessThreshold = 1,
        };

        plan.HealthProbe = Probe(retries);
        plan.HealthStartPeriod = startPeriod;
        plan.Container.LivenessProbe = Probe(retries);
        plan.Container.ReadinessProbe = Probe(retries);
        if (startPeriod > 0)
        {
            plan.Container.StartupProbe = StartupProbe(plan);
        }
    }

    /// <summary>
    /// The startup probe for a health check: failures inside the start period do not count in ECS, so the
    /// startup probe allows ceil(startPeriod / interval) + retries failures before the liveness probe takes over.
    /// </summary>
    internal static V1Probe? StartupProbe(ContainerPlan plan)
    {
        if (plan.HealthProbe is not { } h)
        {
            return null;
        }

        var period = h.PeriodSeconds ?? 30;
        var failures = (int)Math.Ceiling(plan.HealthStartPeriod / (double)period) + (h.FailureThreshold ?? 3);
        return new V1Probe
        {
            Exec = new V1ExecAction { Command = [.. h.Exec.Command] },
            PeriodSeconds = period,
            TimeoutSeconds = h.TimeoutSeconds,
            FailureThreshold = failures,
            SuccessThreshold = 1,
        };
    }

    private static void PodLevel(PodBuildState s, ContainerPlan plan)
    {
        var d = plan.Definition;
        var p = plan.Path;

        if (d.Hostname is not null)
        {
            var hostname = KubeNames.Sanitize(d.Hostname.Split('.')[0], fallback: plan.Name);
            if (s.Hostname is null)
            {
                s.Hostname = hostname;
                s.Report.Add(p + ".hostname", hostname == d.Hostname ? Report.Disposition.Mapped : Report.Disposition.Approximated, hostname == d.Hostname ? "pod hostname" : $"pod hostname {hostname} (a DNS-1123 label)");
            }
            else
            {
                s.Report.Approximated(p + ".hostname", $"the hostname is per pod; {s.Hostname} from an earlier container is used");
            }
        }

        if (d.StopTimeout is { } stop)
        {
            s.GracePeriod = Math.Max(s.GracePeriod ?? 0, stop);
            s.Report.Mapped(p + ".stopTimeout", "terminationGracePeriodSeconds (the largest over the containers: the grace period is per pod)");
        }

        if (d.StartTimeout is not null)
        {
            s.Report.Approximated(p + ".startTimeout", "Kubernetes has no timeout for a dependency to start; init containers and startup probes wait as long as their own limits allow");
        }

        if (d.DnsServers is not null || d.DnsSearchDomains is not null)
        {
            var servers = ValidDnsEntries(s, d.DnsServers, p + ".dnsServers", KubeNames.IsIpAddress, "is not an IP address");
            var searches = ValidDnsEntries(s, d.DnsSearchDomains, p + ".dnsSearchDomains", KubeNames.IsDnsSearchDomain,
                "is not a DNS-1123 subdomain (lowercase labels of letters, digits and '-', joined by single dots)");
            var same = servers.SequenceEqual(s.DnsServers, StringComparer.Ordinal) && searches.SequenceEqual(s.DnsSearches, StringComparer.Ordinal);
            string reason;
            Report.Disposition disposition;
            if (s.DnsOwner is null || same)
            {
                disposition = Report.Disposition.Mapped;
                reason = "pod dnsConfig (dnsPolicy None when servers are given)";
            }
            else
            {
                disposition = Report.Disposition.Approximated;
                reason = $"DNS settings are per pod: the union with {s.DnsOwner}'s is used";
            }

            s.DnsOwner ??= plan.Name;
            foreach (var server in servers.Where(x => !s.DnsServers.Contains(x)))
            {
                s.DnsServers.Add(server);
            }

            foreach (var search in searches.Where(x => !s.DnsSearches.Contains(x)))
            {
                s.DnsSearches.Add(search);
            }

            if (d.DnsServers is not null)
            {
                s.Report.Add(p + ".dnsServers", disposition, reason);
            }

            if (d.DnsSearchDomains is not null)
            {
                s.Report.Add(p + ".dnsSearchDomains", disposition, reason);
            }
        }

        for (var i = 0; i < (d.ExtraHosts?.Count ?? 0); i++)
        {
            var h = d.ExtraHosts![i];
            var path = $"{p}.extraHosts[{i}]";
            if (string.IsNullOrEmpty(h.Hostname) || string.IsNullOrEmpty(h.IpAddress) || !KubeNames.IsIpAddress(h.IpAddress))
            {
                s.ReportAll(h, path, Report.Disposition.Rejected, "an extra host needs a hostname and a valid IP address");
                continue;
            }

            if (!KubeNames.IsDnsSubdomain(h.Hostname))
            {
                s.Report.Rejected(path + ".hostname", $"'{h.Hostname}' is not a DNS-1123 subdomain, which Kubernetes requires of a host alias");
                s.Report.Rejected(path + ".ipAddress", "belongs to an invalid host entry");
                continue;
            }

            if (!s.HostAliases.TryGetValue(h.IpAddress, out var names))
            {
                s.HostAliases[h.IpAddress] = names = [];
            }

            if (!names.Contains(h.Hostname))
            {
                names.Add(h.Hostname);
            }

            s.Report.Mapped(path + ".hostname", "pod hostAliases (shared by all containers)");
            s.Report.Mapped(path + ".ipAddress", "pod hostAliases");
        }

        for (var i = 0; i < (d.SystemControls?.Count ?? 0); i++)
        {
            var sysctl = d.SystemControls![i];
            var path = $"{p}.systemControls[{i}]";
            if (string.IsNullOrEmpty(sysctl.Namespace))
            {
                s.ReportAll(sysctl, path, Report.Disposition.Rejected, "a system control needs a name");
                continue;
            }

            if (!Sysctls.IsSafe(sysctl.Namespace, s.Context.Capabilities.KubernetesMinor) && !Sysctls.IsAllowed(sysctl.Namespace, s.Policy.AllowedUnsafeSysctls))
            {
                s.ReportAll(sysctl, path, Report.Disposition.Rejected,
                    $"sysctl {sysctl.Namespace} is refused: Kubernetes 1.{s.Context.Capabilities.KubernetesMinor} does not deem it safe (Pod Security baseline) and EcsCluster {s.Context.ClusterName} spec.policy.allowedUnsafeSysctls does not list it");
                continue;
            }

            var existing = s.Sysctls.FirstOrDefault(x => x.Name == sysctl.Namespace);
            if (existing is null)
            {
                s.Sysctls.Add(new V1Sysctl { Name = sysctl.Namespace, Value = sysctl.Value ?? string.Empty });
                s.Report.Mapped(path + ".namespace", "pod securityContext.sysctls (unsafe sysctls need the kubelet's allow-list)");
            }
            else if (existing.Value == (sysctl.Value ?? string.Empty))
            {
                s.Report.Mapped(path + ".namespace", "pod securityContext.sysctls");
            }
            else
            {
                s.Report.Approximated(path + ".namespace", $"sysctls are per pod: {existing.Name}={existing.Value} from an earlier container wins");
            }

            if (sysctl.Value is not null)
            {
                s.Report.Mapped(path + ".value");
            }
        }

        if (d.DockerLabels is not null)
        {
            var changed = false;
            foreach (var (key, value) in d.DockerLabels.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                var k = KubeNames.IsQualifiedName(key) ? key : Api.WellKnownAnnotations.EcsPrefix + KubeNames.KeyName("docker-label." + key);
                changed |= k != key;
                if (s.Annotations.TryGetValue(k, out var existing) && existing != value)
                {
                    changed = true;
                    continue;
                }

                s.Annotations[k] = value ?? string.Empty;
            }

            s.Report.Add(
                p + ".dockerLabels",
                changed ? Report.Disposition.Approximated : Report.Disposition.Mapped,
                changed ? "pod annotations (per pod: invalid keys are renamed under " + Api.WellKnownAnnotations.EcsPrefix + ", the first container's value wins on conflicts)" : "pod annotations (Kubernetes has no per-container labels)");
        }

        if (d.LogConfiguration is { } log)
        {
            var lp = p + ".logConfiguration";
            s.LogConfigurations[plan.Name] = AnnotationJson.LogConfiguration(log);
            const string where = "recorded in the " + Api.WellKnownAnnotations.EcsPrefix + "log-configuration annotation; Kubernetes logs are collected per node, not by a per-container driver";
            if (log.LogDriver is not null)
            {
                s.Report.Approximated(lp + ".logDriver", where);
            }

            if (log.Options is not null)
            {
                s.Report.Approximated(lp + ".options", where);
            }

            for (var i = 0; i < (log.SecretOptions?.Count ?? 0); i++)
            {
                var so = log.SecretOptions![i];
                if (so.Name is not null)
                {
                    s.Report.Approximated($"{lp}.secretOptions[{i}].name", where + " (by reference only)");
                }

                if (so.ValueFrom is not null)
                {
                    s.Report.Approximated($"{lp}.secretOptions[{i}].valueFrom", "the reference (never the value) is recorded in the annotation");
                }
            }
        }

        if (d.FirelensConfiguration is { } fl)
        {
            var fp = p + ".firelensConfiguration";
            s.FireLens[plan.Name] = AnnotationJson.FireLens(fl);
            const string where = "recorded in the " + Api.WellKnownAnnotations.EcsPrefix + "firelens annotation; the log router container runs as defined, but nothing routes other containers' logs to it";
            if (fl.Type is not null)
            {
                s.Report.Approximated(fp + ".type", where);
            }

            if (fl.Options is not null)
            {
                s.Report.Approximated(fp + ".options", where);
            }
        }
    }

    private static void Ignorable(PodBuildState s, ContainerPlan plan)
    {
        var d = plan.Definition;
        var p = plan.Path;
        if (d.Links is not null)
        {
            s.Report.Ignored(p + ".links", "containers of a pod reach each other on localhost; link aliases are not created");
        }

        if (d.DisableNetworking is not null)
        {
            if (d.DisableNetworking.Value)
            {
                s.Report.Approximated(p + ".disableNetworking", "a container cannot leave the pod's network namespace; its networking stays on");
            }
            else
            {
                s.Report.Mapped(p + ".disableNetworking", "networking on");
            }
        }

        if (d.Ulimits is not null)
        {
            for (var i = 0; i < d.Ulimits.Count; i++)
            {
                const string why = "Kubernetes has no per-container ulimits (kubernetes#3595): the node's container runtime defaults apply";
                s.Report.Ignored($"{p}.ulimits[{i}]", why);
                var u = d.Ulimits[i];
                foreach (var (field, set) in new[] { ("name", u.Name is not null), ("softLimit", u.SoftLimit is not null), ("hardLimit", u.HardLimit is not null) })
                {
                    if (set)
                    {
                        s.Report.Ignored($"{p}.ulimits[{i}].{field}", why);
                    }
                }
            }
        }

        if (d.CredentialSpecs is not null)
        {
            s.Report.Ignored(p + ".credentialSpecs", "Windows gMSA credential specs are not supported");
        }

        if (d.VersionConsistency is not null)
        {
            s.Report.Ignored(p + ".versionConsistency", "image digests are not resolved (that needs the registry); the tag is pulled as written");
        }

        if (d.RestartPolicy is { } rp)
        {
            var why = s.Context.RunToCompletion
                ? "containers of a task pod are not restarted (restartPolicy Never); ECS restart policies do not carry over"
                : "Kubernetes restarts every exited container of a service pod with back-off; ignored exit codes and the attempt period do not carry over";
            if (rp.Enabled is not null)
            {
                s.Report.Approximated(p + ".restartPolicy.enabled", why);
            }

            if (rp.IgnoredExitCodes is not null)
            {
                s.Report.Approximated(p + ".restartPolicy.ignoredExitCodes", why);
            }

            if (rp.RestartAttemptPeriod is not null)
            {
                s.Report.Approximated(p + ".restartPolicy.restartAttemptPeriod", why);
            }
        }
    }

    internal static void AddMount(V1Container c, V1VolumeMount mount)
    {
        c.VolumeMounts ??= [];
        c.VolumeMounts.Add(mount);
    }

    private static string Capability(string cap)
    {
        var upper = cap.Trim().ToUpperInvariant();
        return upper.StartsWith("CAP_", StringComparison.Ordinal) ? upper[4..] : upper;
    }

    private static long? ParseId(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id <= int.MaxValue ? id
        : text == "root" ? 0 : null;

    /// <summary>The entries that pass <paramref name="valid"/>; each other one is rejected at its own path.</summary>
    private static List<string> ValidDnsEntries(PodBuildState s, List<string>? entries, string path, Func<string?, bool> valid, string why)
    {
        var kept = new List<string>(entries?.Count ?? 0);
        for (var i = 0; i < (entries?.Count ?? 0); i++)
        {
            if (valid(entries![i]))
            {
                kept.Add(entries[i]);
            }
            else
            {
                s.Report.Rejected($"{path}[{i}]", $"'{entries[i]}' {why}; the API server would refuse the pod");
            }
        }

        return kept;
    }

    private static int Clamp(int? value, int fallback, int min) => Math.Max(min, value ?? fallback);

    private static bool HasAny(V1SecurityContext sc) =>
        sc.Privileged is not null || sc.ReadOnlyRootFilesystem is not null || sc.RunAsUser is not null ||
        sc.RunAsGroup is not null || sc.Capabilities is not null || sc.SeLinuxOptions is not null ||
        sc.AllowPrivilegeEscalation is not null || sc.SeccompProfile is not null;

}
