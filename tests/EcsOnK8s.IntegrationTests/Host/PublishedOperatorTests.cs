using System.Diagnostics;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.IntegrationTests.Operator;
using EcsOnK8s.Testing;
using EcsOnK8s.Testing.Common;
using k8s;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.IntegrationTests.Host;

/// <summary>
/// What the image runs, without a container engine: the operator published by the Dockerfile's own
/// <c>dotnet publish</c> command (into a temporary folder instead of /app), started by its ENTRYPOINT against the
/// local control plane, ready, and rendering a service.
/// </summary>
[Collection(KubeCollection.Name)]
public sealed class PublishedOperatorTests(KubeFixture fixture)
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>What mcr.microsoft.com/dotnet/aspnet sets that the operator could notice.</summary>
    private static readonly Dictionary<string, string> BaseImageEnvironment = new()
    {
        ["ASPNETCORE_HTTP_PORTS"] = "8080",
        ["DOTNET_RUNNING_IN_CONTAINER"] = "true",
    };

    [Fact]
    public async Task DockerfilePublishOutput_StartedByItsEntrypoint_BecomesReadyAndRendersAService()
    {
        var dockerfile = DockerfileText.Load();
        var work = Directory.CreateTempSubdirectory("ecsonk8s-published-").FullName;
        var app = Path.Combine(work, "app");
        await PublishAsync(dockerfile.Publish, app);

        // The entry point as the image runs it, with the image's folder mapped onto the temporary one.
        var folder = dockerfile.RuntimeAppFolder + "/";
        var entrypoint = dockerfile.Entrypoint
            .Select(a => a.StartsWith(folder, StringComparison.Ordinal) ? Path.Combine(app, a[folder.Length..]) : a)
            .ToList();
        Assert.True(File.Exists(entrypoint[^1]), $"the entry point names {dockerfile.Entrypoint[^1]}, which the publish did not write");
        var before = Snapshot(app);
        var environment = new Dictionary<string, string>(BaseImageEnvironment);
        foreach (var (name, value) in dockerfile.RuntimeEnvironment)
        {
            environment[name] = value;
        }

        var ns = await fixture.CreateNamespaceAsync("published");
        var ecs = new EcsClient(fixture.Client);
        await ecs.CreateAsync(Namespaced<EcsCluster>(MinimalService.Cluster, ns));
        await ecs.CreateAsync(Namespaced<EcsTaskDefinition>(MinimalService.TaskDefinition, ns));
        await ecs.CreateAsync(Namespaced<EcsService>(MinimalService.Service("web"), ns));

        await using var published = OperatorProcess.StartCommand(
            entrypoint[0], entrypoint[1..], workingDirectory: app, environment, fixture.KubeconfigPath, "published", Path.Combine(work, "operator.log"),
            "--namespaces", ns, "--leader-election", "false");
        await published.WaitReadyAsync(Patience);
        var deployment = await OperatorScenario.EventuallyAsync(() => DeploymentAsync(ns, "web"), d => d is not null, "the Deployment of service web", Patience);
        Assert.Equal(1, deployment!.Spec.Replicas);

        // A clean stop on SIGTERM (what the kubelet sends), and nothing written into the read-only image folder.
        await published.SignalAsync("TERM");
        Assert.Equal(0, await published.WaitForExitAsync(Patience));
        Assert.Equal(before, Snapshot(app));

        // The image's environment draws no warning from the framework (Kestrel's about the base image's port, for one);
        // the operator's own warnings (a retried watch) are not about the image.
        var warnings = published.Tail(100_000).Split('\n').Where(l => l.Contains(" WRN Microsoft.", StringComparison.Ordinal)).ToList();
        Assert.True(warnings.Count == 0, string.Join('\n', warnings));

        await published.DisposeAsync();
        Directory.Delete(work, recursive: true);
    }

    /// <summary>The Dockerfile's publish from the repository root (the build stage's WORKDIR holds the same tree).</summary>
    private static async Task PublishAsync(DockerfilePublish publish, string output)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in publish.ArgumentsInto(output))
        {
            info.ArgumentList.Add(argument);
        }

        // No MSBuild node outlives the test; nothing of the test host's own MSBuild environment leaks in.
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var inherited in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly" })
        {
            info.Environment.Remove(inherited);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet publish");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(PublishTimeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', publish.ArgumentsInto(output))} took more than {PublishTimeout}");
        }

        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', publish.ArgumentsInto(output))} failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
    }

    /// <summary>Every file under <paramref name="folder"/> with its size and last write time.</summary>
    private static List<string> Snapshot(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => new FileInfo(f))
            .Select(f => $"{Path.GetRelativePath(folder, f.FullName)} {f.Length} {f.LastWriteTimeUtc:O}")
            .Order(StringComparer.Ordinal)
            .ToList();

    private static T Namespaced<T>(string yaml, string ns)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var resource = KubernetesYaml.Deserialize<T>(yaml);
        resource.Metadata.NamespaceProperty = ns;
        return resource;
    }

    private async Task<V1Deployment?> DeploymentAsync(string ns, string name)
    {
        try
        {
            return await fixture.Client.AppsV1.ReadNamespacedDeploymentAsync(name, ns);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
