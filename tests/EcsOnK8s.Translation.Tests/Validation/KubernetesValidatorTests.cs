using EcsOnK8s.Translation.Validation;
using k8s;
using k8s.Models;
using Xunit;

namespace EcsOnK8s.Translation.Tests.Validation;

/// <summary>
/// Each rule of the rendered-object validator: a valid object passes, and one change that the API server refuses is
/// reported at the path the API server would name.
/// </summary>
public class KubernetesValidatorTests
{
    private static V1Deployment Deployment(Action<V1PodSpec>? change = null, Action<V1Deployment>? changeDeployment = null)
    {
        var labels = new Dictionary<string, string> { ["app.kubernetes.io/instance"] = "web" };
        var deployment = new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new V1ObjectMeta { Name = "web", Labels = new Dictionary<string, string>(labels) },
            Spec = new V1DeploymentSpec
            {
                Replicas = 1,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string>(labels) },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string>(labels) },
                    Spec = new V1PodSpec
                    {
                        RestartPolicy = "Always",
                        Containers =
                        [
                            new V1Container
                            {
                                Name = "app",
                                Image = "nginx",
                                Ports = [new V1ContainerPort { ContainerPort = 80, Protocol = "TCP", Name = "http" }],
                                Env = [new V1EnvVar { Name = "MODE", Value = "a" }],
                            },
                        ],
                    },
                },
            },
        };
        change?.Invoke(deployment.Spec.Template.Spec);
        changeDeployment?.Invoke(deployment);
        return deployment;
    }

    private static FieldError Single(IKubernetesObject<V1ObjectMeta> obj, int minor = 30) =>
        Assert.Single(KubernetesValidator.Validate(obj, minor));

    [Fact]
    public void Validate_ValidDeployment_NoErrors()
    {
        Assert.Empty(KubernetesValidator.Validate(Deployment(), 20));
    }

    [Fact]
    public void Validate_NameserverNotAnIp_Refused()
    {
        var error = Single(Deployment(p => p.DnsConfig = new V1PodDNSConfig { Nameservers = ["not-an-ip"] }));
        Assert.Equal("spec.template.spec.dnsConfig.nameservers[0]", error.Path);
        Assert.Contains("not-an-ip", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DnsPolicyNoneWithoutNameserver_Refused() =>
        Assert.Equal("spec.template.spec.dnsConfig.nameservers", Single(Deployment(p => p.DnsPolicy = "None")).Path);

    [Theory]
    [InlineData("...", 30)]
    [InlineData("a_b.com", 30)]
    public void Validate_SearchDomainNotASubdomain_Refused(string domain, int minor) =>
        Assert.Equal("spec.template.spec.dnsConfig.searches[0]", Single(Deployment(p => p.DnsConfig = new V1PodDNSConfig { Searches = [domain] }), minor).Path);

    [Fact]
    public void Validate_SevenSearchDomainsBefore128_RefusedThenAccepted()
    {
        var d = Deployment(p => p.DnsConfig = new V1PodDNSConfig { Searches = [.. Enumerable.Range(0, 7).Select(i => $"d{i}.example.com")] });
        Assert.Equal("spec.template.spec.dnsConfig.searches", Single(d, 20).Path);
        Assert.Empty(KubernetesValidator.Validate(d, 28));
    }

    [Fact]
    public void Validate_SearchListLongerThan256CharactersBefore128_Refused()
    {
        var d = Deployment(p => p.DnsConfig = new V1PodDNSConfig { Searches = [new string('a', 60) + ".com", new string('b', 60) + ".com", new string('c', 60) + ".com", new string('d', 60) + ".com", new string('e', 60) + ".com"] });
        Assert.Contains("characters", Single(d, 20).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EnvNameTwice_RefusedAtTheSecond() =>
        Assert.Equal("spec.template.spec.containers[0].env[1].name",
            Single(Deployment(p => p.Containers[0].Env.Add(new V1EnvVar { Name = "MODE", Value = "b" }))).Path);

    [Fact]
    public void Validate_EnvNameInvalidOn120_Refused() =>
        Assert.Equal("spec.template.spec.containers[0].env[0].name", Single(Deployment(p => p.Containers[0].Env[0].Name = "a b"), 20).Path);

    [Fact]
    public void Validate_SecretKeyRefInvalidKey_Refused() =>
        Assert.Equal("spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.key", Single(Deployment(p => p.Containers[0].Env[0] = new V1EnvVar
        {
            Name = "PASSWORD",
            ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "db", Key = "my key" } },
        })).Path);

    [Fact]
    public void Validate_ContainerPortTwice_RefusedAtTheSecond() =>
        Assert.Equal("spec.template.spec.containers[0].ports[1]",
            Single(Deployment(p => p.Containers[0].Ports.Add(new V1ContainerPort { ContainerPort = 80, Protocol = "TCP" }))).Path);

    [Theory]
    [InlineData("a-very-long-port-name")]
    [InlineData("8080")]
    [InlineData("Http")]
    public void Validate_PortNameNotAnIanaName_Refused(string name) =>
        Assert.Equal("spec.template.spec.containers[0].ports[0].name", Single(Deployment(p => p.Containers[0].Ports[0].Name = name)).Path);

    [Fact]
    public void Validate_HostPortTwiceInThePod_Refused() =>
        Assert.Equal("spec.template.spec.containers[1].ports[0].hostPort", Single(Deployment(p =>
        {
            p.Containers[0].Ports[0].HostPort = 80;
            p.Containers.Add(new V1Container { Name = "b", Image = "nginx", Ports = [new V1ContainerPort { ContainerPort = 81, HostPort = 80, Protocol = "TCP" }] });
        })).Path);

    [Theory]
    [InlineData("App")]
    [InlineData("a_b")]
    public void Validate_ContainerNameNotALabel_Refused(string name) =>
        Assert.Equal("spec.template.spec.containers[0].name", Single(Deployment(p => p.Containers[0].Name = name)).Path);

    [Fact]
    public void Validate_ContainerNameTwiceAcrossInitAndMain_Refused() =>
        Assert.Equal("spec.template.spec.containers[0].name",
            Single(Deployment(p => p.InitContainers = [new V1Container { Name = "app", Image = "busybox" }])).Path);

    [Fact]
    public void Validate_MountOfUnknownVolumeAndPathTwice_Refused()
    {
        var errors = KubernetesValidator.Validate(Deployment(p =>
        {
            p.Volumes = [new V1Volume { Name = "data", EmptyDir = new V1EmptyDirVolumeSource() }];
            p.Containers[0].VolumeMounts = [new V1VolumeMount { Name = "data", MountPath = "/d" }, new V1VolumeMount { Name = "nope", MountPath = "/d" }];
        }), 30);
        Assert.Equal(["spec.template.spec.containers[0].volumeMounts[1].name", "spec.template.spec.containers[0].volumeMounts[1].mountPath"], errors.Select(e => e.Path));
    }

    [Fact]
    public void Validate_VolumeNameNotALabel_Refused() =>
        Assert.Equal("spec.template.spec.volumes[0].name", Single(Deployment(p => p.Volumes = [new V1Volume { Name = "Data", EmptyDir = new V1EmptyDirVolumeSource() }])).Path);

    [Fact]
    public void Validate_ProbeWithoutCommandOrWithSuccessThreshold2_Refused()
    {
        var errors = KubernetesValidator.Validate(Deployment(p =>
        {
            p.Containers[0].LivenessProbe = new V1Probe { Exec = new V1ExecAction { Command = [] }, SuccessThreshold = 2 };
            p.Containers[0].ReadinessProbe = new V1Probe();
        }), 30);
        Assert.Equal(
            ["spec.template.spec.containers[0].livenessProbe.exec.command", "spec.template.spec.containers[0].livenessProbe.successThreshold", "spec.template.spec.containers[0].readinessProbe"],
            errors.Select(e => e.Path));
    }

    [Fact]
    public void Validate_InitContainerWithProbe_Refused() =>
        Assert.Equal("spec.template.spec.initContainers[0]", Single(Deployment(p => p.InitContainers =
            [new V1Container { Name = "init", Image = "busybox", ReadinessProbe = new V1Probe { Exec = new V1ExecAction { Command = ["true"] } } }])).Path);

    [Fact]
    public void Validate_RequestAboveLimit_Refused() =>
        Assert.Equal("spec.template.spec.containers[0].resources.requests[memory]", Single(Deployment(p => p.Containers[0].Resources = new V1ResourceRequirements
        {
            Requests = new Dictionary<string, ResourceQuantity> { ["memory"] = new("512Mi") },
            Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("256Mi") },
        })).Path);

    [Fact]
    public void Validate_ExtendedResourceWithoutEqualLimit_Refused() =>
        Assert.Equal("spec.template.spec.containers[0].resources.limits[nvidia.com/gpu]", Single(Deployment(p => p.Containers[0].Resources = new V1ResourceRequirements
        {
            Requests = new Dictionary<string, ResourceQuantity> { ["nvidia.com/gpu"] = new("1") },
        })).Path);

    [Fact]
    public void Validate_HostnameAndHostAliases_Refused()
    {
        var errors = KubernetesValidator.Validate(Deployment(p =>
        {
            p.Hostname = "web.example";
            p.HostAliases = [new V1HostAlias { Ip = "1", Hostnames = ["db"] }, new V1HostAlias { Ip = "10.0.0.1", Hostnames = ["bad_name"] }];
        }), 30);
        Assert.Equal(["spec.template.spec.hostname", "spec.template.spec.hostAliases[0].ip", "spec.template.spec.hostAliases[1].hostnames[0]"], errors.Select(e => e.Path));
    }

    [Theory]
    [InlineData("kernel..shm")]
    [InlineData("Net.core")]
    public void Validate_SysctlName_Refused(string name) =>
        Assert.Equal("spec.template.spec.securityContext.sysctls[0].name",
            Single(Deployment(p => p.SecurityContext = new V1PodSecurityContext { Sysctls = [new V1Sysctl { Name = name, Value = "1" }] })).Path);

    [Fact]
    public void Validate_NegativeGracePeriod_Refused() =>
        Assert.Equal("spec.template.spec.terminationGracePeriodSeconds", Single(Deployment(p => p.TerminationGracePeriodSeconds = -1)).Path);

    [Fact]
    public void Validate_TopologySpreadTwice_Refused() =>
        Assert.Equal("spec.template.spec.topologySpreadConstraints[1]", Single(Deployment(p => p.TopologySpreadConstraints =
        [
            new V1TopologySpreadConstraint { MaxSkew = 1, TopologyKey = "zone", WhenUnsatisfiable = "ScheduleAnyway" },
            new V1TopologySpreadConstraint { MaxSkew = 2, TopologyKey = "zone", WhenUnsatisfiable = "ScheduleAnyway" },
        ])).Path);

    [Theory]
    [InlineData("x", "bad value!")]
    [InlineData("bad key!", "x")]
    public void Validate_LabelInvalid_Refused(string key, string value)
    {
        var error = Single(Deployment(changeDeployment: d => d.Metadata.Labels[key] = value));
        Assert.Equal($"metadata.labels[{key}]", error.Path);
    }

    [Fact]
    public void Validate_SelectorNotMatchingTheTemplate_Refused() =>
        Assert.Equal("spec.template.metadata.labels", Single(Deployment(changeDeployment: d => d.Spec.Selector.MatchLabels["extra"] = "x")).Path);

    [Fact]
    public void Validate_AnnotationsOver256KiB_Refused() =>
        Assert.Equal("metadata.annotations", Single(Deployment(changeDeployment: d => d.Metadata.Annotations = new Dictionary<string, string> { ["big"] = new string('x', KubernetesValidator.MaxAnnotationsBytes) })).Path);

    [Fact]
    public void Validate_DeploymentNameNotASubdomain_Refused() =>
        Assert.Equal("metadata.name", Single(Deployment(changeDeployment: d => d.Metadata.Name = "Web")).Path);

    [Fact]
    public void Validate_JobTemplateRestartAlways_Refused()
    {
        var template = Deployment().Spec.Template;
        var job = new V1Job { ApiVersion = "batch/v1", Kind = "Job", Metadata = new V1ObjectMeta { Name = "run-1" }, Spec = new V1JobSpec { Template = template } };
        Assert.Equal("spec.template.spec.restartPolicy", Single(job).Path);
    }

    [Fact]
    public void Validate_CronJobNameLongerThan52_Refused()
    {
        var template = Deployment().Spec.Template;
        template.Spec.RestartPolicy = "Never";
        var cronJob = new V1CronJob
        {
            ApiVersion = "batch/v1",
            Kind = "CronJob",
            Metadata = new V1ObjectMeta { Name = new string('a', 53) },
            Spec = new V1CronJobSpec { Schedule = "* * * * *", JobTemplate = new V1JobTemplateSpec { Spec = new V1JobSpec { Template = template } } },
        };
        Assert.Equal("metadata.name", Single(cronJob).Path);
    }

    [Theory]
    [InlineData("1web", null, 80, 80, "metadata.name")]
    [InlineData("web", "http", 80, 80, "spec.ports[1]")]
    [InlineData("web", "Http", 80, 81, "spec.ports[1].name")]
    [InlineData("web", "http", 80, 0, "spec.ports[1].port")]
    public void Validate_ServiceRules_Refused(string name, string? secondPortName, int firstPort, int secondPort, string path)
    {
        var service = new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1ServiceSpec
            {
                Selector = new Dictionary<string, string> { ["app"] = "web" },
                Ports =
                [
                    new V1ServicePort { Name = "main", Port = firstPort, Protocol = "TCP", TargetPort = "8080" },
                ],
            },
        };
        if (secondPortName is not null)
        {
            service.Spec.Ports.Add(new V1ServicePort { Name = secondPortName, Port = secondPort, Protocol = "TCP", TargetPort = "http" });
            if (secondPort == firstPort)
            {
                service.Spec.Ports[1].Name = "other";
            }
        }

        Assert.Equal(path, Single(service).Path);
    }

    [Fact]
    public void Validate_ServiceSeveralPortsWithoutNames_Refused()
    {
        var service = new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80 }, new V1ServicePort { Port = 81 }] },
        };
        Assert.Equal(["spec.ports[0].name", "spec.ports[1].name"], KubernetesValidator.Validate(service, 30).Select(e => e.Path));
    }
}
