using k8s.Models;

namespace EcsOnK8s.Translation.Pods.Containers;

/// <summary>A container's environment: variables, secrets as variables, environment files.</summary>
internal static class EnvironmentMapper
{
    public static void Map(PodBuildState s, ContainerPlan plan)
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
}
