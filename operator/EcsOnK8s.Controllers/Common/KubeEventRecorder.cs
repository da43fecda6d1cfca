using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EcsOnK8s.Runtime.Kube;
using k8s;
using k8s.Models;

namespace EcsOnK8s.Controllers.Common;

/// <summary>
/// Posts Kubernetes Events (core/v1) about EcsOnK8s resources, so <c>kubectl describe</c> shows the same moments as
/// the ECS-shaped status. Events are only written on transitions, never on a converged pass.
/// </summary>
public sealed class KubeEventRecorder(KubernetesRestClient client, TimeProvider time)
{
    public const string Component = "ecsonk8s-operator";

    public async Task RecordAsync(
        IKubernetesObject<V1ObjectMeta> subject, string type, string reason, string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var now = time.GetUtcNow().UtcDateTime;
        var suffix = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{subject.Metadata.Uid}/{reason}/{message}/{now.Ticks.ToString(CultureInfo.InvariantCulture)}")))[..16];
        var @event = new Corev1Event
        {
            ApiVersion = "v1",
            Kind = "Event",
            Metadata = new V1ObjectMeta { Name = $"{subject.Metadata.Name}.{suffix}", NamespaceProperty = subject.Metadata.NamespaceProperty },
            InvolvedObject = new V1ObjectReference
            {
                ApiVersion = subject.ApiVersion,
                Kind = subject.Kind,
                Name = subject.Metadata.Name,
                NamespaceProperty = subject.Metadata.NamespaceProperty,
                Uid = subject.Metadata.Uid,
                ResourceVersion = subject.Metadata.ResourceVersion,
            },
            Type = type,
            Reason = reason,
            Message = message.Length > 1024 ? message[..1024] : message,
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
            Source = new V1EventSource { Component = Component },
            ReportingComponent = Component,
        };
        try
        {
            await client.SendJsonAsync(
                HttpMethod.Post, ResourceTypes.Event.CollectionPath(subject.Metadata.NamespaceProperty),
                KubernetesJson.Serialize(@event), "application/json", cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException)
        {
            // Events are best effort: a refused event must not fail the reconcile that reports it.
        }
    }
}
