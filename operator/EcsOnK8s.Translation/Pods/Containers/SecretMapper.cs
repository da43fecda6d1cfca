using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Pods.Secrets;
using k8s.Models;

namespace EcsOnK8s.Translation.Pods.Containers;

/// <summary>
/// Secret references: a secretKeyRef to a deterministically named Secret, and, when the cluster uses External
/// Secrets and the operator is installed, an ExternalSecret that keeps that Secret filled. Never a value.
/// </summary>
internal static class SecretMapper
{
    public static SecretReference Reference(PodBuildState build, string valueFrom, string path, bool externalSecretsWanted)
    {
        var reference = SecretReference.Parse(valueFrom);
        var versioned = reference.VersionStage is not null || reference.VersionId is not null;
        var (store, storeField) = StoreFor(build.Context.Cluster.Secrets, reference.Source);
        if (!externalSecretsWanted)
        {
            build.Report.Add(
                path,
                versioned ? Report.Disposition.Approximated : Report.Disposition.Mapped,
                $"secretKeyRef {reference.SecretName}/{reference.Key} (a Secret you provide)" +
                (versioned ? "; the version stage/id is not enforced: the Secret holds whatever version you put in it" : string.Empty));
            return reference;
        }

        if (!build.Context.Capabilities.ExternalSecrets)
        {
            build.Report.Approximated(path, $"secretKeyRef {reference.SecretName}/{reference.Key}: the cluster asks for External Secrets but its CRDs are not installed, so provide the Secret yourself");
            return reference;
        }

        if (store?.Name is not { Length: > 0 } storeName)
        {
            build.Report.Approximated(path, $"secretKeyRef {reference.SecretName}/{reference.Key}: no spec.secrets.{storeField} (nor spec.secrets.storeRef) on the EcsCluster, so no ExternalSecret is rendered; provide the Secret yourself");
            return reference;
        }

        var storeKind = store.Kind ?? "SecretStore";
        var external = build.FindCompanion<ExternalSecret>(ExternalSecret.KubeKind, reference.SecretName);
        if (external is not null && (external.Spec.SecretStoreRef.Name != storeName || external.Spec.SecretStoreRef.Kind != storeKind))
        {
            // One Secret, one ExternalSecret, one store: a Secrets Manager secret and a parameter of the same name
            // cannot share it.
            build.Report.Rejected(path, $"Secret {reference.SecretName} is also filled from {external.Spec.SecretStoreRef.Kind} {external.Spec.SecretStoreRef.Name}; this {Describe(reference.Source)} reference resolves from {storeKind} {storeName} (spec.secrets.{storeField}): rename one of them");
            return reference;
        }

        if (external is null)
        {
            external = new ExternalSecret
            {
                ApiVersion = build.Context.Capabilities.ExternalSecretApiVersion!,
                Metadata = new V1ObjectMeta { Name = reference.SecretName, NamespaceProperty = build.Context.Namespace },
                Spec = new ExternalSecretSpec
                {
                    RefreshInterval = build.Context.Cluster.Secrets?.RefreshInterval ?? "1h",
                    SecretStoreRef = new ExternalSecretStoreRef { Name = storeName, Kind = storeKind },
                    Target = new ExternalSecretTarget { Name = reference.SecretName, CreationPolicy = "Owner" },
                },
            };
            build.AddCompanion(external);
        }

        // External Secrets' AWS providers take a version id as "uuid/<id>" and a stage as is.
        var version = reference.VersionId is not null ? "uuid/" + reference.VersionId : reference.VersionStage;
        var existing = external.Spec.Data.FirstOrDefault(x => x.SecretKey == reference.Key);
        if (existing is null)
        {
            external.Spec.Data.Add(new ExternalSecretData
            {
                SecretKey = reference.Key,
                RemoteRef = new ExternalSecretRemoteRef { Key = reference.RemoteName, Property = reference.JsonKey, Version = version },
            });
            build.Report.Mapped(path, $"secretKeyRef {reference.SecretName}/{reference.Key}, kept filled by ExternalSecret {reference.SecretName} from store {storeName}");
        }
        else if (existing.RemoteRef.Version != version)
        {
            build.Report.Approximated(path, $"secretKeyRef {reference.SecretName}/{reference.Key}: another reference asks for a different version of the same key; the first one's version is used");
        }
        else
        {
            build.Report.Mapped(path, $"secretKeyRef {reference.SecretName}/{reference.Key} (ExternalSecret {reference.SecretName})");
        }

        return reference;
    }

    /// <summary>
    /// The store of a reference's provider: spec.secrets.secretsManagerStoreRef or parameterStoreStoreRef, each
    /// defaulting to spec.secrets.storeRef; with the field that names it (for the report).
    /// </summary>
    internal static (SecretStoreReference? Store, string Field) StoreFor(ClusterSecrets? secrets, SecretSource source) =>
        source == SecretSource.SecretsManager
            ? (secrets?.SecretsManagerStoreRef ?? secrets?.StoreRef, "secretsManagerStoreRef")
            : (secrets?.ParameterStoreStoreRef ?? secrets?.StoreRef, "parameterStoreStoreRef");

    private static string Describe(SecretSource source) => source == SecretSource.SecretsManager ? "Secrets Manager" : "Parameter Store";
}
