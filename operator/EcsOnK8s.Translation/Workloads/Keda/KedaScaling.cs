using EcsOnK8s.Api;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Naming;
using EcsOnK8s.Translation.Report;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Translation.Workloads.Keda;

/// <summary>
/// The ScaledObject of an auto scaled service, and the TriggerAuthentication of its AWS scalers. The scale target is
/// the EcsService (its scale subresource), so KEDA's HPA sets desiredCount and the operator keeps the capacity
/// provider split; two HPAs on one target would fight, so the operator renders none of its own.
/// </summary>
internal static class KedaScaling
{
    /// <summary>
    /// Seconds between KEDA's reads of the AWS metrics. CloudWatch has one-minute data points and bills each read;
    /// the triggers use cached metrics, so the HPA's own 15-second loop reads the value of the last poll.
    /// </summary>
    public const int PollingInterval = 60;

    private const string ScalingPath = "service.autoScaling";

    public static List<IKubernetesObject<V1ObjectMeta>> Build(
        KedaTarget keda,
        string name,
        string ns,
        IReadOnlyDictionary<string, string> labels,
        ScheduledScalingResult bounds,
        List<ScaledObjectTrigger> triggers,
        V2HorizontalPodAutoscalerBehavior? behavior,
        TranslationReport report)
    {
        // KEDA scales to zero only through a trigger that can say "inactive"; cpu and memory cannot.
        var toZero = triggers.Any(t => t.Type is not ("cpu" or "memory"));
        var min = toZero ? Math.Max(bounds.MinCapacity, 0) : Math.Max(bounds.MinCapacity, 1);
        var max = Math.Max(bounds.MaxCapacity, Math.Max(min, 1));
        var objects = new List<IKubernetesObject<V1ObjectMeta>>();
        var aws = triggers.Where(KedaTriggers.IsAws).ToList();
        if (aws.Count > 0)
        {
            var authentication = BuildTriggerAuthentication(keda, KubeNames.Join(name, "aws"), ns, labels, report);
            foreach (var trigger in aws)
            {
                trigger.AuthenticationRef = new AuthenticationReference { Name = authentication.Metadata.Name };
            }

            objects.Add(authentication);
        }

        objects.Insert(0, new ScaledObject
        {
            ApiVersion = keda.ApiVersion,
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = WorkloadLabels.Copy(labels) },
            Spec = new ScaledObjectSpec
            {
                ScaleTargetRef = new ScaleTargetReference { ApiVersion = EcsApi.ApiVersion, Kind = EcsService.KindName, Name = name },
                PollingInterval = PollingInterval,
                MinReplicaCount = min,
                MaxReplicaCount = max,
                Advanced = behavior is null ? null : new ScaledObjectAdvanced { HorizontalPodAutoscalerConfig = new HorizontalPodAutoscalerConfig { Behavior = behavior } },
                Triggers = triggers,
            },
        });
        var where = aws.Count > 0
            ? $"; its AWS scalers read region {keda.Region}, account {keda.Account} (set by --events-region and --events-account)"
            : string.Empty;
        report.Mapped(ScalingPath, $"a KEDA ScaledObject ({keda.ApiVersion}) scaling the EcsService through its scale subresource, polling every {PollingInterval} s; KEDA owns the service's HPA, the operator renders none{where}");
        return objects;
    }

    private static TriggerAuthentication BuildTriggerAuthentication(KedaTarget keda, string name, string ns, IReadOnlyDictionary<string, string> labels, TranslationReport report)
    {
        var spec = new TriggerAuthenticationSpec();
        if (keda.CredentialsSecret is { } secret)
        {
            spec.SecretTargetRef =
            [
                new SecretTargetReference { Parameter = "awsAccessKeyID", Name = secret, Key = "AWS_ACCESS_KEY_ID" },
                new SecretTargetReference { Parameter = "awsSecretAccessKey", Name = secret, Key = "AWS_SECRET_ACCESS_KEY" },
            ];
            report.Mapped(ScalingPath + ".authentication", $"TriggerAuthentication {name}: the AWS scalers use the keys of Secret {secret} (annotation {WellKnownAnnotations.KedaAwsCredentials} of the EcsCluster)");
        }
        else if (keda.TaskRoleArn is { } role)
        {
            spec.PodIdentity = new PodIdentity { RoleArn = role };
            report.Mapped(ScalingPath + ".authentication", $"TriggerAuthentication {name}: pod identity aws, the KEDA operator assumes the task role {role} (the role of the service's ServiceAccount)");
        }
        else
        {
            spec.PodIdentity = new PodIdentity();
            report.Approximated(ScalingPath + ".authentication", $"TriggerAuthentication {name}: pod identity aws with the KEDA operator's own role (the task definition has no taskRoleArn, and the EcsCluster names no {WellKnownAnnotations.KedaAwsCredentials} Secret)");
        }

        return new TriggerAuthentication
        {
            ApiVersion = keda.ApiVersion,
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = WorkloadLabels.Copy(labels) },
            Spec = spec,
        };
    }
}
