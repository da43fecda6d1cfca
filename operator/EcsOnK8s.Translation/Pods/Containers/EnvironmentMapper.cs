using EcsOnK8s.Translation.Naming;
using EcsOnK8s.Translation.Report;
using k8s.Models;

namespace EcsOnK8s.Translation.Pods.Containers;

/// <summary>A container's environment: variables, secrets as variables, environment files.</summary>
internal static class EnvironmentMapper
{
    public static void Map(PodBuildState build, ContainerPlan plan)
    {
        var definition = plan.Definition;
        var containerPath = plan.Path;
        var env = new List<V1EnvVar>();
        // A container's variables are a list keyed by name in Kubernetes: the API server refuses a name twice, where
        // ECS (Docker) would take the last value; refusing names the clash instead of dropping a value unseen.
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < (definition.Environment?.Count ?? 0); i++)
        {
            var variable = definition.Environment![i];
            var path = $"{containerPath}.environment[{i}]";
            if (!ValidEnvName(variable.Name, path, build) || !UniqueEnvName(variable.Name!, path, names, build))
            {
                build.Report.AddIfSet(variable.Value, path, ".value", Disposition.Rejected, "belongs to an invalid variable");

                continue;
            }

            env.Add(new V1EnvVar { Name = variable.Name, Value = variable.Value ?? string.Empty });
            build.Report.Mapped(path + ".name", "env (order kept)");
            build.Report.AddIfSet(variable.Value, path, ".value", Disposition.Mapped);
        }

        var externalSecrets = build.Context.Cluster.Secrets?.Provider == "ExternalSecrets";
        for (var i = 0; i < (definition.Secrets?.Count ?? 0); i++)
        {
            var secret = definition.Secrets![i];
            var path = $"{containerPath}.secrets[{i}]";
            if (!ValidEnvName(secret.Name, path, build) || !UniqueEnvName(secret.Name!, path, names, build))
            {
                build.Report.AddIfSet(secret.ValueFrom, path, ".valueFrom", Disposition.Rejected, "belongs to an invalid variable");

                continue;
            }

            if (string.IsNullOrWhiteSpace(secret.ValueFrom))
            {
                build.ReportAll(secret, path, Disposition.Rejected, "a secret needs valueFrom (a Secrets Manager ARN or an SSM parameter)");
                continue;
            }

            var reference = SecretMapper.Reference(build, secret.ValueFrom, path + ".valueFrom", externalSecrets);
            env.Add(new V1EnvVar
            {
                Name = secret.Name,
                ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = reference.SecretName, Key = reference.Key } },
            });
            build.Report.Mapped(path + ".name", "env from a Secret (by reference)");
        }

        if (env.Count > 0)
        {
            plan.Container.Env = env;
        }

        var envFrom = new List<V1EnvFromSource>();
        for (var i = 0; i < (definition.EnvironmentFiles?.Count ?? 0); i++)
        {
            var file = definition.EnvironmentFiles![i];
            var path = $"{containerPath}.environmentFiles[{i}]";
            if (file.Type is not null && file.Type != "s3")
            {
                build.Report.Rejected(path + ".type", $"unknown environment file type '{file.Type}'");
            }
            else if (file.Type is not null)
            {
                build.Report.Mapped(path + ".type");
            }

            if (string.IsNullOrWhiteSpace(file.Value))
            {
                continue;
            }

            var name = EnvironmentFileConfigMap(file.Value);
            envFrom.Add(new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = name } });
            build.Report.Approximated(path + ".value", $"envFrom ConfigMap {name}: EcsOnK8s does not read S3; create the ConfigMap from the file");
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

    private static bool UniqueEnvName(string name, string path, Dictionary<string, string> names, PodBuildState build)
    {
        if (names.TryAdd(name, path))
        {
            return true;
        }

        build.Report.Rejected(path + ".name", $"'{name}' is already set by {names[name]}: Kubernetes refuses a variable name twice in one container");
        return false;
    }

    private static bool ValidEnvName(string? name, string path, PodBuildState build)
    {
        if (string.IsNullOrEmpty(name))
        {
            build.Report.Rejected(path + ".name", "an environment variable needs a name");
            return false;
        }

        var ok = KubeNames.IsEnvVarName(name, build.Context.Capabilities.KubernetesMinor);
        if (!ok)
        {
            build.Report.Rejected(path + ".name", $"'{name}' is not a valid environment variable name for Kubernetes 1.{build.Context.Capabilities.KubernetesMinor}");
        }

        return ok;
    }
}
