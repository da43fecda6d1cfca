using BenchmarkDotNet.Attributes;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Cli.Commands;
using EcsOnK8s.Testing.Common;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Report;

namespace EcsOnK8s.Translation.Benchmarks;

/// <summary>
/// Renders per second: a typical three-container service (frontend, API, worker; health checks, a secret, Service
/// Connect, target-tracking auto scaling) and the whole golden corpus (inputs parsed once, outside the timing).
/// </summary>
[MemoryDiagnoser]
[OperationsPerSecond]
public class RenderBenchmarks
{
    private RenderRequest _typical = null!;
    private List<RenderRequest> _corpus = null!;

    [GlobalSetup]
    public void Setup()
    {
        var golden = RepositoryRoot.Combine("tests", "EcsOnK8s.Translation.Tests", "Golden");
        _typical = Load(Path.Combine(golden, "service-connect-multi-container"), "1.30");
        _typical.Service!.Spec.AutoScaling = new ServiceAutoScaling
        {
            MinCapacity = 3,
            MaxCapacity = 12,
            TargetTrackingPolicies =
            [
                new TargetTrackingPolicy { TargetValue = 70, PredefinedMetricSpecification = new PredefinedMetricSpecification { PredefinedMetricType = "ECSServiceAverageCPUUtilization" } },
            ],
        };
        _corpus = Directory.GetDirectories(golden)
            .Where(d => File.Exists(Path.Combine(d, "taskdef.json")))
            .Order(StringComparer.Ordinal)
            .SelectMany(d => new[] { "1.30", "1.20" }.Select(v => Load(d, v)))
            .ToList();
        if (Renderer.Render(_typical).Rejected)
        {
            throw new InvalidOperationException("the typical case must render");
        }
    }

    [Benchmark(Baseline = true, Description = "typical service (3 containers + HPA)")]
    public RenderResult Typical() => Renderer.Render(_typical);

    [Benchmark(Description = "golden corpus (all cases, 1.20 and 1.30)")]
    public int Corpus()
    {
        var objects = 0;
        foreach (var request in _corpus)
        {
            objects += Renderer.Render(request).Objects.Count;
        }

        return objects;
    }

    private static RenderRequest Load(string folder, string version)
    {
        string? File(string name) => System.IO.File.Exists(Path.Combine(folder, name)) ? Path.Combine(folder, name) : null;
        var options = new ConvertOptions
        {
            TaskDefinition = File("taskdef.json")!,
            Service = File("service.json"),
            Scaling = File("scaling.json") is { } s ? [s] : [],
            RunTask = File("run-task.json"),
            Schedule = File("schedule.json"),
            Cluster = File("cluster.yaml"),
            KubernetesVersion = version,
        };
        return ConvertCommand.ReadInputs(options, TextReader.Null, new TranslationReport()).Request;
    }
}
