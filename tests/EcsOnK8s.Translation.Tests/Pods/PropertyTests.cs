using CsCheck;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.ClusterQueries;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Naming;
using EcsOnK8s.Translation.Pods;
using EcsOnK8s.Translation.Tests.Support;
using Xunit;
using static EcsOnK8s.Translation.Tests.Pods.PodFixtures;

namespace EcsOnK8s.Translation.Tests.Pods;

public class PropertyTests
{
    private static readonly string[] Names = ["app", "Web_App", "sidecar", "LOG.ROUTER", "x", new string('n', 80), "__", "db-1"];

    private static readonly string[] Expressions =
    [
        "attribute:ecs.instance-type =~ t3.*",
        "attribute:ecs.availability-zone in [us-east-1a, us-east-1b] and not attribute:spot exists",
        "(attribute:a == 1 or attribute:b != 2) and attribute:c > 3",
        "ec2InstanceId == i-1",
        "((",
        "attribute:ecs.cpu-architecture == arm64",
        "attribute:ecs.os-type == linux",
        "attribute:zone != a or attribute:tier in [web, api]",
    ];

    private static readonly Gen<string> GenName = Gen.OneOf(Gen.OneOf(Names), Gen.String[Gen.Char.AlphaNumeric, 0, 70]);

    private static readonly string[] VolumeNames = ["data", "Cache_Dir", "shared"];

    private static readonly Gen<ContainerDefinition> GenContainer =
        Gen.Select(
            Gen.Int[0, 2048].Nullable(),
            Gen.Int[6, 4096].Nullable(),
            Gen.Int[6, 4096].Nullable(),
            Gen.Select(Gen.Int[1, 66000], Gen.Int[0, 66000].Nullable(0.8), Gen.OneOf<string?>("tcp", "udp", null, null, null, null, null, "sctp"), GenName.Null()).Array[0, 3],
            Gen.Select(Gen.Int[0, 15], Gen.OneOf("START", "COMPLETE", "SUCCESS", "HEALTHY", "START", "SUCCESS", "START", "SUCCESS", "LATER")).Array[0, 2],
            Gen.Bool.Nullable(),
            Gen.Select(Gen.OneOf("CMD", "CMD-SHELL", "NONE", "other"), Gen.Int[0, 400].Nullable(), Gen.Int[0, 10].Nullable()).Nullable(),
            Gen.Int[0, 3])
        .Select((cpu, memory, reservation, ports, deps, essential, health, volume) => new ContainerDefinition
        {
            Image = "busybox",
            Cpu = cpu,
            Memory = memory,
            MemoryReservation = memory is { } m && reservation is { } r ? Math.Min(m, r) : reservation,
            Essential = essential,
            PortMappings = ports.Select(p => new PortMapping { ContainerPort = p.Item1, HostPort = p.Item2, Protocol = p.Item3, Name = p.Item4 }).ToList(),

            // Container names are assigned by the task generator; a dependency names one by index (7 = unknown).
            DependsOn = deps.Select(d => new ContainerDependency { ContainerName = "#" + d.Item1, Condition = d.Item2 }).ToList(),
            HealthCheck = health is null ? null : new HealthCheck { Command = [health.Value.Item1, "true"], StartPeriod = health.Value.Item2, Retries = health.Value.Item3 },
            MountPoints = volume < VolumeNames.Length ? [new MountPoint { SourceVolume = VolumeNames[volume], ContainerPath = "/data" }] : null,
            Secrets = [new Secret { Name = "S", ValueFrom = "arn:aws:secretsmanager:us-east-1:1:secret:db_" + volume + "-AbCdEf:key" + volume + "::" }],
            LinuxParameters = new LinuxParameters { SharedMemorySize = memory, Tmpfs = [new Tmpfs { ContainerPath = "/tmp", Size = reservation }] },
            ExtraHosts = [new HostEntry { Hostname = "h" + volume, IpAddress = "10.1.2.3" }],
        });

    private static readonly Gen<EcsTaskDefinitionSpec> GenSpec =
        Gen.Select(
            GenContainer.Array[1, 4],
            Gen.Int[0, Names.Length - 1],
            Gen.OneOf<string?>("256", "1 vCPU", "4096", "bogus", null, null),
            Gen.OneOf<string?>("512", "2 GB", "16384", "lots", null, null),
            Gen.OneOf<string?>("awsvpc", "bridge", "host", "none", null),
            Gen.OneOf(Expressions).Array[0, 2],
            Gen.OneOf("task", "shared", "efs", "host", "none").Array[VolumeNames.Length],
            Gen.Int[0, 4])
        .Select((containers, offset, cpu, memory, network, expressions, volumes, fargate) =>
        {
            for (var i = 0; i < containers.Length; i++)
            {
                var name = Names[(offset + i) % Names.Length];
                containers[i].Name = name;
                containers[i].Hostname = name;
                containers[i].DockerLabels = new Dictionary<string, string> { [name] = name };
            }

            // Mostly acyclic: a container depends on earlier ones; 15 stands for a name that does not exist.
            for (var i = 0; i < containers.Length; i++)
            {
                foreach (var d in containers[i].DependsOn!)
                {
                    var raw = int.Parse(d.ContainerName![1..], System.Globalization.CultureInfo.InvariantCulture);
                    d.ContainerName = raw == 15 ? "ghost" : i == 0 ? null : containers[raw % i].Name;
                }

                containers[i].DependsOn!.RemoveAll(d => d.ContainerName is null);
                containers[i].DependsOn = containers[i].DependsOn!.DistinctBy(d => d.ContainerName).ToList();
            }

            return new EcsTaskDefinitionSpec
            {
                Family = "fam",
                ContainerDefinitions = [.. containers],
                Cpu = cpu,
                Memory = memory,
                NetworkMode = network,
                RequiresCompatibilities = fargate == 0 ? ["FARGATE"] : null,
                PlacementConstraints = expressions.Select(e => new TaskDefinitionPlacementConstraint { Type = "memberOf", Expression = e }).ToList(),
                Tags = [new Tag { Key = network ?? "k", Value = cpu ?? "v" }],
                Volumes = volumes.Select((kind, i) => new Volume
                {
                    Name = VolumeNames[i],
                    DockerVolumeConfiguration = kind is "task" or "shared" ? new DockerVolumeConfiguration { Scope = kind } : null,
                    EfsVolumeConfiguration = kind == "efs" ? new EfsVolumeConfiguration { FileSystemId = "fs-1234abc" + i, RootDirectory = "/d" + i } : null,
                    Host = kind == "host" ? new HostVolumeProperties { SourcePath = "/srv/" + i } : null,
                }).ToList(),
            };
        });

    private static readonly Gen<(EcsTaskDefinitionSpec Spec, bool Modern, bool Static, bool Job)> GenInput =
        Gen.Select(GenSpec, Gen.Bool, Gen.Bool, Gen.Bool);

    [Fact]
    public void Build_GeneratedTaskDefinitions_NeverThrowAndOutputIsValid()
    {
        var accepted = 0;
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        GenInput.Sample(input =>
        {
            var cluster = new EcsClusterSpec
            {
                Storage = new ClusterStorage { EfsCsiStaticBinding = input.Static },
                Policy = new ClusterPolicy { AllowHostPath = true, AllowHostPorts = true, AllowHostNetwork = input.Static },
                Secrets = new ClusterSecrets { Provider = "ExternalSecrets", StoreRef = new SecretStoreReference { Name = "aws" } },
            };
            var capabilities = input.Modern ? ClusterCapabilities.Kubernetes130 with { ExternalSecretApiVersion = "external-secrets.io/v1" } : ClusterCapabilities.Kubernetes120;
            var (result, report) = Build(input.Spec, cluster, capabilities, input.Job);

            var missing = JsonLeafPaths.Unreported(input.Spec, report);
            var unhandled = report.Entries.Where(e => e.Reason == PodTemplateBuilder.UnhandledReason).Select(e => e.Path).ToList();
            var problems = report.HasRejections ? [] : OutputValidator.Problems(result);
            if (!report.HasRejections)
            {
                accepted++;
            }

            foreach (var r in report.Rejections)
            {
                var key = System.Text.RegularExpressions.Regex.Replace(r.Path, @"\[\d+\]", "[]");
                reasons[key] = reasons.GetValueOrDefault(key) + 1;
            }

            if (missing.Count > 0 || unhandled.Count > 0 || problems.Count > 0)
            {
                throw new InvalidOperationException(
                    $"missing: {string.Join(", ", missing)}; unhandled: {string.Join(", ", unhandled)}; invalid: {string.Join(", ", problems)}\n{OutputValidator.Yaml(result)}");
            }
        }, iter: 400, threads: 1);

        // The validity checks only mean something if enough generated inputs get through.
        Assert.True(
            accepted >= 15,
            $"only {accepted} of 400 generated task definitions were accepted; rejected most: " +
            string.Join(", ", reasons.OrderByDescending(kv => kv.Value).Take(8).Select(kv => $"{kv.Key} ({kv.Value})")));
    }

    [Fact]
    public void Build_GeneratedNames_AlwaysDnsLabels()
    {
        Gen.String.Sample(name =>
        {
            var (result, _) = Build(Spec(Container(name), Container(name)));
            return result.Template.Spec.Containers.All(c => KubeNames.IsDnsLabel(c.Name)) &&
                result.Template.Spec.Containers.Select(c => c.Name).Distinct().Count() == 2;
        }, iter: 500);
    }

    [Fact]
    public void Translate_GeneratedExpressions_NeverThrow()
    {
        var gen = Gen.OneOf(
            Gen.String[Gen.Char["attribute:ecs.() =!~<>[],'\"andorti0123456789*|&"], 0, 60],
            Gen.OneOf(Expressions));
        gen.Sample(expression =>
        {
            var report = new Report.TranslationReport();
            var terms = MemberOfExpression.Translate(expression, "p", report);
            return terms is null ? report.HasRejections : report.Entries.Count == 1;
        }, iter: 2000);
    }
}
