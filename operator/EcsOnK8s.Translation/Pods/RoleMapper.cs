using EcsOnK8s.Api;
using EcsOnK8s.Translation.Naming;
using k8s.Models;

namespace EcsOnK8s.Translation.Pods;

/// <summary>The task role as a ServiceAccount and the execution role's duties (image pull secrets, secret reads).</summary>
internal static class RoleMapper
{
    /// <summary>The ServiceAccount Kubernetes creates in every namespace.</summary>
    private const string ReservedServiceAccount = "default";

    public static void Map(PodBuildState build)
    {
        // ECS tasks never had Kubernetes API credentials; the EKS pod identity webhook mounts its own token for
        // IRSA, so the API token is never mounted.
        build.Pod.AutomountServiceAccountToken = false;
        var rolePath = build.Context.Overrides?.TaskRoleArn is not null ? build.Context.OverridesPath + ".taskRoleArn" : build.Root + "taskRoleArn";
        if (build.Spec.TaskRoleArn is { Length: > 0 } role)
        {
            MapTaskRole(build, role, rolePath);
        }
        else if (build.Spec.TaskRoleArn is not null)
        {
            build.Report.Mapped(build.Root + "taskRoleArn", "empty: no task role");
        }

        var pullSecrets = new List<string>();
        foreach (var name in build.Context.Cluster.ImagePullSecrets ?? [])
        {
            if (!string.IsNullOrEmpty(name) && !pullSecrets.Contains(name))
            {
                pullSecrets.Add(name);
            }
        }

        for (var i = 0; i < (build.Spec.ContainerDefinitions?.Count ?? 0); i++)
        {
            if (build.Spec.ContainerDefinitions![i]?.RepositoryCredentials?.CredentialsParameter is { Length: > 0 } credentials)
            {
                var name = PullSecretName(credentials);
                if (!pullSecrets.Contains(name))
                {
                    pullSecrets.Add(name);
                }

                build.Report.Mapped(
                    $"{build.Root}containerDefinitions[{i}].repositoryCredentials.credentialsParameter",
                    $"imagePullSecret {name} (a kubernetes.io/dockerconfigjson Secret you provide); pull secrets are per pod, not per container");
            }
        }

        if (build.Spec.ExecutionRoleArn is not null)
        {
            build.Report.Approximated(
                build.Root + "executionRoleArn",
                pullSecrets.Count > 0
                    ? $"the execution role's image pulls use imagePullSecrets ({string.Join(", ", pullSecrets)}); its secret reads are the Secrets (or ExternalSecrets) named for each secret"
                    : "no execution role in Kubernetes: image pulls use the node's credentials or the cluster's imagePullSecrets, secrets are Kubernetes Secrets");
        }

        if (pullSecrets.Count > 0)
        {
            build.Pod.ImagePullSecrets = pullSecrets.Select(n => new V1LocalObjectReference { Name = n }).ToList();
        }
    }

    private static void MapTaskRole(PodBuildState build, string role, string rolePath)
    {
        var name = KubeNames.ServiceAccountName(role);
        if (name == ReservedServiceAccount)
        {
            // Every namespace has its own "default" ServiceAccount, made by Kubernetes and often granted rights by its
            // users; a task role that renders to it would take it over.
            build.Report.Rejected(rolePath, $"task role {role} would be ServiceAccount '{name}', which Kubernetes creates in every namespace; EcsOnK8s never binds tasks to a ServiceAccount it does not own (rename the role)");
            build.Report.Mapped(build.Root + "taskRoleArn", "the task role (or the override's)");
            return;
        }

        build.Pod.ServiceAccountName = name;
        build.Report.Origin("ServiceAccount", name, rolePath);
        build.HasTaskRole = true;
        build.AddCompanion(new V1ServiceAccount
        {
            ApiVersion = "v1",
            Kind = "ServiceAccount",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = build.Context.Namespace,
                Annotations = new Dictionary<string, string> { [WellKnownAnnotations.EksRoleArn] = role },
            },
            AutomountServiceAccountToken = false,
        });
        build.Report.Mapped(build.Root + "taskRoleArn", $"ServiceAccount {name} annotated {WellKnownAnnotations.EksRoleArn} (IRSA on EKS; elsewhere grant the ServiceAccount what the role allowed)");
    }

    /// <summary>The imagePullSecret standing for a repositoryCredentials secret: its Secret name plus "-pull".</summary>
    internal static string PullSecretName(string credentialsParameter)
    {
        var name = KubeNames.SecretName(credentialsParameter);
        return KubeNames.SanitizeSubdomain(name + "-pull");
    }
}
