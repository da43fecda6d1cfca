using System.Text.Json.Nodes;
using EcsOnK8s.Testing.Common;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Install;

/// <summary>Checks that every object of a rendered manifest exists in the cluster, with kubectl as the reader.</summary>
internal static class LiveObjects
{
    /// <summary>Asserts that <c>kubectl get -f</c> finds each object of <paramref name="manifest"/>; returns them.</summary>
    public static async Task<IReadOnlyList<JsonObject>> AssertAllExistAsync(string kubeconfig, string manifest)
    {
        var objects = YamlDocuments.Read(manifest);
        Assert.NotEmpty(objects);
        var file = Path.Combine(Path.GetTempPath(), $"ecsonk8s-manifest-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, manifest);
        try
        {
            var listed = await Tool.KubectlAsync(kubeconfig, "get", "-f", file, "-o", "name");
            Assert.True(listed.Succeeded, listed.Describe());

            // kubectl prints kind[.group]/name: compare kinds and names with the manifest's own.
            var expected = objects.Select(o => $"{((string)o["kind"]!).ToLowerInvariant()}/{(string)o["metadata"]!["name"]!}").Order(StringComparer.Ordinal);
            var actual = listed.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(n => n.Split('/', 2))
                .Select(p => $"{p[0].Split('.')[0]}/{p[1]}")
                .Order(StringComparer.Ordinal);
            Assert.Equal(expected, actual);
            return objects;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
