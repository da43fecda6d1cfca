using CsCheck;
using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Pods;
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
    ];

    private static readonly Gen<string> GenName = Gen.OneOf(Gen.OneOf(Names), Gen.String[Gen.Char.AlphaNumeric, 0, 70]);

    private static readonly Gen<ContainerDefinition> GenContainer =
        Gen.Select(
            GenName,
            Gen.Int[0, 2048].Nullable(),
            Gen.Int[4, 4096].Nullable(),
            Gen.Int[4, 4096].Nullable(),
            Gen.Select(Gen.Int[0, 70000], Gen.Int[0, 70000].Nullable(), Gen.OneOf<string?>("tcp", "udp", "sctp", null), GenName.Null()).Array[0, 3],
            Gen.Select(Gen.OneOf(Names), Gen.OneOf("START", "COMPLETE", "SUCCESS", "HEALTHY", "LATER")).Array[0, 2],
            Gen.Bool.Nullable(),
            Gen.Select(Gen.OneOf("CMD", "CMD-SHELL", "NONE", "other"), Gen.Int[0, 400].Nullable(), Gen.Int[0, 10].Nullable()).Nullable())
        .Select((name, cpu, memory, reservation, ports, deps, essential, health) => new ContainerDefinition
        {
            Name = name,
            Image = "busybox",
            Cpu = cpu,
            Memory = memory,
            MemoryReservation = reservation,
            Essential = essential,
            PortMappings = ports.Select(p => new PortMapping { ContainerPort = p.Item1, HostPort = p.Item2, Protocol = p.Item3, Name = p.Item4 }).ToList(),
            DependsOn = deps.Select(d => new ContainerDependency { ContainerName = d.Item1, Condition = d.Item2 }).ToList(),
            HealthCheck = health is null ? null : new HealthCheck { Command = [health.Value.Item1, "true"], StartPeriod = health.Value.Item2, Retries = health.Value.Item3 },
            MountPoints = [new MountPoint { SourceVolume = name, ContainerPath = "/data" }],
            VolumesFrom = [new VolumeFrom { SourceContainer = Names[Math.Abs(name.Length) % Names.Length] }],
            Secrets = [new Secret { Name = "S", ValueFrom = "arn:aws:secretsmanager:us-east-1:1:secret:" + name + "-AbCdEf:" + name + "::" }],
            LinuxParameters = new LinuxParameters { SharedMemorySize = memory, Tmpfs = [new Tmpfs { ContainerPath = "/tmp", Size = reservation }] },
            Hostname = name,
            ExtraHosts = [new HostEntry { Hostname = name, IpAddress = "10.1.2.3" }],
            DockerLabels = new Dictionary<string, string> { [name] = name },
        });

    private static readonly Gen<EcsTaskDefinitionSpec> GenSpec =
        Gen.Select(
            GenContainer.Array[0, 4],
            Gen.OneOf<string?>("256", "1 vCPU", "2048", "bogus", null),
            Gen.OneOf<string?>("512", "2 GB", "8192", "lots", null),
            Gen.OneOf<string?>("awsvpc", "bridge", "host", "none", null),
            Gen.OneOf(Expressions).Array[0, 2],
            Gen.Select(GenName, Gen.OneOf("task", "shared", "efs", "host", "none")).Array[0, 3],
            Gen.Bool)
        .Select((containers, cpu, memory, network, expressions, volumes, fargate) => new EcsTaskDefinitionSpec
        {
            Family = "fam",
            ContainerDefinitions = [.. containers],
            Cpu = cpu,
            Memory = memory,
            NetworkMode = network,
            RequiresCompatibilities = fargate ? ["FARGATE"] : null,
            PlacementConstraints = expressions.Select(e => new TaskDefinitionPlacementConstraint { Type = "memberOf", Expression = e }).ToList(),
            Tags = [new Tag { Key = network ?? "k", Value = cpu ?? "v" }],
            Volumes = volumes.Select(v => new Volume
            {
                Name = v.Item1,
                DockerVolumeConfiguration = v.Item2 is "task" or "shared" ? new DockerVolumeConfiguration { Scope = v.Item2 } : null,
                EfsVolumeConfiguration = v.Item2 == "efs" ? new EfsVolumeConfiguration { FileSystemId = "fs-" + v.Item1, RootDirectory = "/" + v.Item1 } : null,
                Host = v.Item2 == "host" ? new HostVolumeProperties { SourcePath = "/srv/" + v.Item1 } : null,
            }).ToList(),
        });

    private static readonly Gen<(EcsTaskDefinitionSpec Spec, bool Modern, bool Static, bool Job)> GenInput =
        Gen.Select(GenSpec, Gen.Bool, Gen.Bool, Gen.Bool);

    [Fact]
    public void Build_GeneratedTaskDefinitions_NeverThrowAndOutputIsValid()
    {
        GenInput.Sample(input =>
        {
            var cluster = new EcsClusterSpec
            {
                Storage = new ClusterStorage { EfsCsiStaticBinding = input.Static },
                Policy = new ClusterPolicy { AllowHostPath = true, AllowHostNetwork = input.Static },
                Secrets = new ClusterSecrets { Provider = "ExternalSecrets", StoreRef = new SecretStoreReference { Name = "aws" } },
            };
            var capabilities = input.Modern ? ClusterCapabilities.Kubernetes130 with { ExternalSecrets = true } : ClusterCapabilities.Kubernetes120;
            var (result, report) = Build(input.Spec, cluster, capabilities, input.Job);

            var missing = ReportCoverage.LeafPaths(input.Spec).Where(p => !report.Entries.Any(e => e.Path == p)).ToList();
            var unhandled = report.Entries.Where(e => e.Reason == PodTemplateBuilder.UnhandledReason).Select(e => e.Path).ToList();
            var problems = report.HasRejections ? [] : OutputValidator.Problems(result);
            if (missing.Count > 0 || unhandled.Count > 0 || problems.Count > 0)
            {
                throw new InvalidOperationException(
                    $"missing: {string.Join(", ", missing)}; unhandled: {string.Join(", ", unhandled)}; invalid: {string.Join(", ", problems)}\n{OutputValidator.Yaml(result)}");
            }
        }, iter: 400);
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
