using System.Net;
using EcsOnK8s.Testing.Common;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace EcsOnK8s.Testing;

/// <summary>Installs CustomResourceDefinitions and waits until the API server serves them.</summary>
public static class CustomResourceDefinitions
{
    /// <summary>Every CRD in the <c>*.yaml</c> files of <paramref name="directory"/> (none when it is missing).</summary>
    public static async Task<IReadOnlyList<V1CustomResourceDefinition>> LoadDirectoryAsync(string directory)
    {
        List<V1CustomResourceDefinition> crds = [];
        if (!Directory.Exists(directory))
        {
            return crds;
        }

        foreach (var file in Directory.EnumerateFiles(directory, "*.yaml").Order(StringComparer.Ordinal))
        {
            var documents = KubernetesYaml.LoadAllFromString(await File.ReadAllTextAsync(file));
            crds.AddRange(documents.OfType<V1CustomResourceDefinition>());
        }

        return crds;
    }

    /// <summary>Creates the CRD, or replaces it when it exists, then waits until it is Established.</summary>
    public static async Task InstallAsync(IKubernetes client, V1CustomResourceDefinition crd, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(crd);
        try
        {
            await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            var existing = await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(crd.Metadata.Name, cancellationToken: cancellationToken);
            crd.Metadata.ResourceVersion = existing.Metadata.ResourceVersion;
            await client.ApiextensionsV1.ReplaceCustomResourceDefinitionAsync(crd, crd.Metadata.Name, cancellationToken: cancellationToken);
        }

        await WaitForEstablishedAsync(client, crd.Metadata.Name, TimeSpan.FromSeconds(60), cancellationToken);
    }

    public static Task WaitForEstablishedAsync(IKubernetes client, string name, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Eventually.ValueAsync(
            () => client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(name, cancellationToken: cancellationToken),
            crd => crd.Status?.Conditions?.Any(c => c.Type == "Established" && c.Status == "True") == true,
            $"CRD {name} Established",
            timeout,
            describe: crd => string.Join("; ", crd.Status?.Conditions?.Select(c => $"{c.Type}={c.Status} ({c.Reason})") ?? []),
            cancellationToken: cancellationToken);
    }
}
