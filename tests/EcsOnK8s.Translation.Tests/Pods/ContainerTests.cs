using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Model;
using EcsOnK8s.Translation.Pods;
using EcsOnK8s.Translation.Pods.Secrets;
using EcsOnK8s.Translation.Report;
using Xunit;
using static EcsOnK8s.Translation.Tests.Pods.PodFixtures;

namespace EcsOnK8s.Translation.Tests.Pods;

public class ContainerTests
{
    [Fact]
    public void Build_EntryPointAndCommand_CommandAndArgsNeverSplit()
    {
        var c = Container();
        c.EntryPoint = ["sh", "-c"];
        c.Command = ["echo hello world && sleep 10"];
        var (result, _) = Build(Spec(c));
        Assert.Equal(["sh", "-c"], result.Ctr("app").Command);
        Assert.Equal(["echo hello world && sleep 10"], result.Ctr("app").Args);
    }

    [Fact]
    public void Build_Environment_OrderKept()
    {
        var c = Container();
        c.Environment = [new() { Name = "Z", Value = "1" }, new() { Name = "A", Value = "$(Z)" }];
        var (result, _) = Build(Spec(c));
        Assert.Equal(["Z", "A"], result.Ctr("app").Env.Select(e => e.Name));
    }

    [Fact]
    public void Build_Secrets_SecretKeyRefsByReference()
    {
        var c = Container();
        c.Secrets =
        [
            new() { Name = "DB_USER", ValueFrom = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf:username::" },
            new() { Name = "API_KEY", ValueFrom = "/prod/api_key" },
        ];
        var (result, report) = Build(Spec(c));
        var env = result.Ctr("app").Env;
        Assert.Equal("prod-db", env[0].ValueFrom.SecretKeyRef.Name);
        Assert.Equal("username", env[0].ValueFrom.SecretKeyRef.Key);
        Assert.Equal("prod-api-key", env[1].ValueFrom.SecretKeyRef.Name);
        Assert.Equal("value", env[1].ValueFrom.SecretKeyRef.Key);
        Assert.Null(env[0].Value);
        Assert.Empty(result.Companions);
        Assert.Equal(Disposition.Mapped, report.Entry("containerDefinitions[0].secrets[0].valueFrom").Disposition);
    }

    [Fact]
    public void Build_SecretVersionWithoutExternalSecrets_Approximated()
    {
        var c = Container();
        c.Secrets = [new() { Name = "T", ValueFrom = "arn:aws:secretsmanager:us-east-1:1:secret:t-AbCdEf::AWSPREVIOUS:" }];
        var (_, report) = Build(Spec(c));
        Assert.Equal(Disposition.Approximated, report.Entry("containerDefinitions[0].secrets[0].valueFrom").Disposition);
    }

    [Fact]
    public void Build_ExternalSecretsProvider_ExternalSecretCompanions()
    {
        var c = Container();
        c.Secrets =
        [
            new() { Name = "U", ValueFrom = "arn:aws:secretsmanager:us-east-1:1:secret:prod/db-AbCdEf:username::" },
            new() { Name = "P", ValueFrom = "arn:aws:secretsmanager:us-east-1:1:secret:prod/db-AbCdEf:password:AWSCURRENT:" },
            new() { Name = "V", ValueFrom = "arn:aws:secretsmanager:us-east-1:1:secret:other-AbCdEf:::0123-id" },
        ];
        var cluster = new EcsClusterSpec
        {
            Secrets = new ClusterSecrets { Provider = "ExternalSecrets", StoreRef = new SecretStoreReference { Name = "aws", Kind = "ClusterSecretStore" } },
        };
        var (result, report) = Build(Spec(c), cluster, ClusterCapabilities.Kubernetes130 with { ExternalSecretApiVersion = "external-secrets.io/v1" });
        var externals = result.Companions.OfType<ExternalSecret>().ToList();
        Assert.Equal(["prod-db", "other"], externals.Select(e => e.Metadata.Name));
        var db = externals[0];
        Assert.Equal("external-secrets.io/v1beta1", db.ApiVersion);
        Assert.Equal("aws", db.Spec.SecretStoreRef.Name);
        Assert.Equal("ClusterSecretStore", db.Spec.SecretStoreRef.Kind);
        Assert.Equal("prod-db", db.Spec.Target.Name);
        Assert.Equal(["username", "password"], db.Spec.Data.Select(d => d.SecretKey));
        Assert.Equal("prod/db", db.Spec.Data[0].RemoteRef.Key);
        Assert.Equal("password", db.Spec.Data[1].RemoteRef.Property);
        Assert.Equal("AWSCURRENT", db.Spec.Data[1].RemoteRef.Version);
        Assert.Equal("uuid/0123-id", externals[1].Spec.Data[0].RemoteRef.Version);
        Assert.False(report.HasRejections);
    }

    [Fact]
    public void Build_ExternalSecretsWithoutCrds_NoCompanionApproximated()
    {
        var c = Container();
        c.Secrets = [new() { Name = "U", ValueFrom = "/a/b" }];
        var cluster = new EcsClusterSpec { Secrets = new ClusterSecrets { Provider = "ExternalSecrets", StoreRef = new SecretStoreReference { Name = "aws" } } };
        var (result, report) = Build(Spec(c), cluster, ClusterCapabilities.Kubernetes130);
        Assert.Empty(result.Companions);
        Assert.Equal(Disposition.Approximated, report.Entry("containerDefinitions[0].secrets[0].valueFrom").Disposition);
    }

    [Fact]
    public void Build_PortMappings_NamedPortsWithProtocol()
    {
        var c = Container();
        c.PortMappings =
        [
            new() { ContainerPort = 8080, Name = "Web_HTTP", AppProtocol = "http" },
            new() { ContainerPort = 53, Protocol = "udp" },
            new() { ContainerPortRange = "9000-9100" },
        ];
        var spec = Spec(c);
        spec.NetworkMode = "awsvpc";
        var (result, report) = Build(spec);
        var ports = result.Ctr("app").Ports;
        Assert.Equal(2, ports.Count);
        Assert.Equal(("web-http", 8080, "TCP"), (ports[0].Name, ports[0].ContainerPort, ports[0].Protocol));
        Assert.Equal(("udp-53", 53, "UDP"), (ports[1].Name, ports[1].ContainerPort, ports[1].Protocol));
        Assert.Null(ports[0].HostPort);
        Assert.Equal(Disposition.Approximated, report.Entry("containerDefinitions[0].portMappings[0].name").Disposition);
        Assert.Equal(Disposition.Approximated, report.Entry("containerDefinitions[0].portMappings[2].containerPortRange").Disposition);
    }

    [Fact]
    public void Build_BridgeStaticHostPort_HostPortApproximated()
    {
        var c = Container();
        c.PortMappings = [new() { ContainerPort = 80, HostPort = 8080 }, new() { ContainerPort = 81, HostPort = 0 }];
        var spec = Spec(c);
        spec.NetworkMode = "bridge";
        var (result, report) = Build(spec, new EcsClusterSpec { Policy = new ClusterPolicy { AllowHostPorts = true } });
        Assert.Equal(8080, result.Ctr("app").Ports[0].HostPort);
        Assert.Null(result.Ctr("app").Ports[1].HostPort);
        Assert.Equal(Disposition.Approximated, report.Entry("containerDefinitions[0].portMappings[0].hostPort").Disposition);
    }

    [Fact]
    public void Build_CmdShellHealthCheck_ShellExecProbes()
    {
        var c = Container();
        c.HealthCheck = new HealthCheck { Command = ["CMD-SHELL", "curl -f http://localhost/ || exit 1"], Interval = 10, Timeout = 3, Retries = 4, StartPeriod = 25 };
        var (result, _) = Build(Spec(c));
        var app = result.Ctr("app");
        Assert.Equal(["/bin/sh", "-c", "curl -f http://localhost/ || exit 1"], app.LivenessProbe.Exec.Command);
        Assert.Equal(["/bin/sh", "-c", "curl -f http://localhost/ || exit 1"], app.ReadinessProbe.Exec.Command);
        Assert.Equal((10, 3, 4), (app.LivenessProbe.PeriodSeconds, app.LivenessProbe.TimeoutSeconds, app.LivenessProbe.FailureThreshold));
        Assert.Equal(3 + 4, app.StartupProbe.FailureThreshold);
        Assert.Equal(10, app.StartupProbe.PeriodSeconds);
    }

    [Fact]
    public void Build_CmdHealthCheckDefaults_EcsDefaults()
    {
        var c = Container();
        c.HealthCheck = new HealthCheck { Command = ["CMD", "/bin/check", "--fast"] };
        var (result, _) = Build(Spec(c));
        var probe = result.Ctr("app").LivenessProbe;
        Assert.Equal(["/bin/check", "--fast"], probe.Exec.Command);
        Assert.Equal((30, 5, 3), (probe.PeriodSeconds, probe.TimeoutSeconds, probe.FailureThreshold));
        Assert.Null(result.Ctr("app").StartupProbe);
    }

    [Theory]
    [InlineData("1000", 1000L, null)]
    [InlineData("1000:2000", 1000L, 2000L)]
    [InlineData("root", 0L, null)]
    public void Build_NumericUser_RunAsUserAndGroup(string user, long uid, long? gid)
    {
        var c = Container();
        c.User = user;
        var (result, report) = Build(Spec(c));
        Assert.Equal(uid, result.Ctr("app").SecurityContext.RunAsUser);
        Assert.Equal(gid, result.Ctr("app").SecurityContext.RunAsGroup);
        Assert.Equal(Disposition.Mapped, report.Entry("containerDefinitions[0].user").Disposition);
    }

    [Fact]
    public void Build_NamedUser_Approximated()
    {
        var c = Container();
        c.User = "nginx";
        var (result, report) = Build(Spec(c));
        Assert.Null(result.Ctr("app").SecurityContext?.RunAsUser);
        Assert.Equal(Disposition.Approximated, report.Entry("containerDefinitions[0].user").Disposition);
    }

    [Fact]
    public void Build_LinuxParameters_ShmTmpfsCapabilities()
    {
        var c = Container();
        c.LinuxParameters = new LinuxParameters
        {
            SharedMemorySize = 256,
            Tmpfs = [new Tmpfs { ContainerPath = "/run", Size = 64, MountOptions = ["noexec"] }],
            Capabilities = new KernelCapabilities { Add = ["NET_BIND_SERVICE"], Drop = ["ALL"] },
            InitProcessEnabled = true,
        };
        var cluster = new EcsClusterSpec { Policy = new ClusterPolicy { AllowedCapabilities = ["NET_BIND_SERVICE"] } };
        var (result, report) = Build(Spec(c), cluster);
        var pod = result.Template.Spec;
        var shm = pod.Volumes.Single(v => v.EmptyDir?.SizeLimit?.ToString() == "256Mi");
        Assert.Equal("Memory", shm.EmptyDir.Medium);
        Assert.Contains(result.Ctr("app").VolumeMounts, m => m.MountPath == "/dev/shm" && m.Name == shm.Name);
        Assert.Contains(result.Ctr("app").VolumeMounts, m => m.MountPath == "/run");
        Assert.Equal(["NET_BIND_SERVICE"], result.Ctr("app").SecurityContext.Capabilities.Add);
        Assert.Equal(["ALL"], result.Ctr("app").SecurityContext.Capabilities.Drop);
        Assert.True(pod.ShareProcessNamespace);
        Assert.Equal(Disposition.Approximated, report.Entry("containerDefinitions[0].linuxParameters.tmpfs[0].mountOptions").Disposition);
        Assert.False(report.HasRejections);
    }

    [Fact]
    public void Build_Devices_Rejected()
    {
        var c = Container();
        c.LinuxParameters = new LinuxParameters { Devices = [new Device { HostPath = "/dev/fuse" }] };
        var (_, report) = Build(Spec(c));
        Assert.Equal(Disposition.Rejected, report.Entry("containerDefinitions[0].linuxParameters.devices[0].hostPath").Disposition);
    }

    [Fact]
    public void Build_PodLevelSettings_MergedOverContainers()
    {
        var a = Container("a");
        a.ExtraHosts = [new() { Hostname = "db", IpAddress = "10.0.0.2" }, new() { Hostname = "cache", IpAddress = "10.0.0.1" }];
        a.DnsServers = ["10.0.0.53"];
        a.DnsSearchDomains = ["corp.local"];
        a.SystemControls = [new() { Namespace = "net.ipv4.ip_unprivileged_port_start", Value = "1024" }];
        a.StopTimeout = 45;
        a.Hostname = "web_host";
        a.DockerLabels = new() { ["com.example.team"] = "web" };
        var b = Container("b");
        b.ExtraHosts = [new() { Hostname = "db-replica", IpAddress = "10.0.0.2" }];
        b.DnsServers = ["10.0.0.54"];
        b.StopTimeout = 90;
        b.Hostname = "other";
        var (result, report) = Build(Spec(a, b));
        var pod = result.Template.Spec;
        Assert.Equal(["10.0.0.1", "10.0.0.2"], pod.HostAliases.Select(h => h.Ip));
        Assert.Equal(["db", "db-replica"], pod.HostAliases[1].Hostnames);
        Assert.Equal("None", pod.DnsPolicy);
        Assert.Equal(["10.0.0.53", "10.0.0.54"], pod.DnsConfig.Nameservers);
        Assert.Equal(["corp.local"], pod.DnsConfig.Searches);
        Assert.Equal(90, pod.TerminationGracePeriodSeconds);
        Assert.Equal("web-host", pod.Hostname);
        Assert.Equal("1024", pod.SecurityContext.Sysctls.Single().Value);
        Assert.Equal("web", result.Template.Metadata.Annotations["com.example.team"]);
        Assert.Equal(Disposition.Approximated, report.Entry("containerDefinitions[1].dnsServers").Disposition);
        Assert.Equal(Disposition.Approximated, report.Entry("containerDefinitions[1].hostname").Disposition);
    }

    [Fact]
    public void Build_DefaultGracePeriod_Thirty()
    {
        var (result, _) = Build(Spec(Container()));
        Assert.Equal(30, result.Template.Spec.TerminationGracePeriodSeconds);
        Assert.False(result.Template.Spec.AutomountServiceAccountToken);
    }

    [Fact]
    public void Build_LogAndFireLens_AnnotationsWithReferencesOnly()
    {
        var c = Container("log_router");
        c.FirelensConfiguration = new FirelensConfiguration { Type = "fluentbit", Options = new() { ["enable-ecs-log-metadata"] = "true" } };
        var app = Container();
        app.LogConfiguration = new LogConfiguration
        {
            LogDriver = "awsfirelens",
            Options = new() { ["Name"] = "cloudwatch", ["region"] = "us-east-1" },
            SecretOptions = [new() { Name = "apikey", ValueFrom = "arn:aws:ssm:us-east-1:1:parameter/log-key" }],
        };
        var (result, report) = Build(Spec(c, app));
        var annotations = result.Template.Metadata.Annotations;
        Assert.Equal(
            "{\"app\":{\"logDriver\":\"awsfirelens\",\"options\":{\"Name\":\"cloudwatch\",\"region\":\"us-east-1\"},\"secretOptions\":[{\"name\":\"apikey\",\"valueFrom\":\"arn:aws:ssm:us-east-1:1:parameter/log-key\"}]}}",
            annotations[PodAnnotations.LogConfiguration]);
        Assert.Equal("{\"log-router\":{\"options\":{\"enable-ecs-log-metadata\":\"true\"},\"type\":\"fluentbit\"}}", annotations[PodAnnotations.FireLens]);
        Assert.Equal(Disposition.Approximated, report.Entry("containerDefinitions[1].logConfiguration.secretOptions[0].valueFrom").Disposition);
    }

    [Fact]
    public void Build_UnsafeContainerNames_SanitisedAndDeduplicated()
    {
        var (result, report) = Build(Spec(Container("My_App"), Container("my-app")));
        Assert.Equal(["my-app", "my-app-2"], result.Template.Spec.Containers.Select(c => c.Name));
        Assert.Equal(Disposition.Approximated, report.Entry("containerDefinitions[0].name").Disposition);
        Assert.Equal(Disposition.Approximated, report.Entry("containerDefinitions[1].name").Disposition);
        Assert.Equal("my-app", result.ContainerNames["My_App"]);
        Assert.Equal("my-app-2", result.ContainerNames["my-app"]);
    }

    [Fact]
    public void Build_Essential_AnnotationListsEssentialContainers()
    {
        var a = Container("a");
        var b = Container("b");
        b.Essential = false;
        var c = Container("C_1");
        c.Essential = true;
        var (result, report) = Build(Spec(a, b, c));
        Assert.Equal("a,c-1", result.Template.Metadata.Annotations[PodAnnotations.EssentialContainers]);
        Assert.Equal(Disposition.Approximated, report.Entry("containerDefinitions[1].essential").Disposition);
    }

    [Fact]
    public void Build_MountPointsAndVolumesFrom_Expanded()
    {
        var spec = Spec(Container("data"), Container("app"));
        spec.Volumes = [new Volume { Name = "scratch" }];
        spec.ContainerDefinitions![0].MountPoints = [new MountPoint { SourceVolume = "scratch", ContainerPath = "/data" }];
        spec.ContainerDefinitions[1].VolumesFrom = [new VolumeFrom { SourceContainer = "data", ReadOnly = true }];
        var (result, report) = Build(spec);
        var mount = result.Ctr("app").VolumeMounts.Single();
        Assert.Equal(("scratch", "/data", true), (mount.Name, mount.MountPath, mount.ReadOnlyProperty));
        Assert.Null(result.Ctr("data").VolumeMounts.Single().ReadOnlyProperty);
        Assert.NotNull(result.Template.Spec.Volumes.Single().EmptyDir);
        Assert.False(report.HasRejections);
    }

    [Fact]
    public void Build_UnknownMountVolume_Rejected()
    {
        var c = Container();
        c.MountPoints = [new MountPoint { SourceVolume = "nope", ContainerPath = "/x" }];
        var (_, report) = Build(Spec(c));
        Assert.Equal(Disposition.Rejected, report.Entry("containerDefinitions[0].mountPoints[0].sourceVolume").Disposition);
    }

    [Fact]
    public void Build_Overrides_AppliedAndReported()
    {
        var c = Container();
        c.Command = ["serve"];
        c.Environment = [new() { Name = "MODE", Value = "web" }, new() { Name = "KEEP", Value = "1" }];
        var overrides = new TaskOverride
        {
            Cpu = "2048",
            TaskRoleArn = "arn:aws:iam::1:role/batch",
            ContainerOverrides =
            [
                new ContainerOverride
                {
                    Name = "app",
                    Command = ["migrate", "--all"],
                    Environment = [new() { Name = "MODE", Value = "batch" }, new() { Name = "NEW", Value = "x" }],
                    Memory = 512,
                },
            ],
        };
        var spec = Spec(c);
        var (result, report) = Build(spec, overrides: overrides, runToCompletion: true);
        var app = result.Ctr("app");
        Assert.Equal(["migrate", "--all"], app.Args);
        Assert.Equal(["MODE=batch", "KEEP=1", "NEW=x"], app.Env.Select(e => $"{e.Name}={e.Value}"));
        Assert.Equal("512Mi", app.Limit("memory"));
        Assert.Equal("2", app.Request("cpu"));
        Assert.Equal("batch", result.Template.Spec.ServiceAccountName);
        Assert.Equal("Never", result.Template.Spec.RestartPolicy);
        Assert.Equal(Disposition.Mapped, report.Entry("overrides.containerOverrides[0].command").Disposition);
        Assert.Equal(["serve"], spec.ContainerDefinitions![0].Command);
    }

    [Fact]
    public void Build_OverrideOfUnknownContainer_Rejected()
    {
        var overrides = new TaskOverride { ContainerOverrides = [new ContainerOverride { Name = "ghost", Command = ["x"] }] };
        var (_, report) = Build(Spec(Container()), overrides: overrides);
        Assert.Equal(Disposition.Rejected, report.Entry("overrides.containerOverrides[0].name").Disposition);
    }
}
