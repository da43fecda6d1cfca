using EcsOnK8s.Api.V1Alpha1;
using EcsOnK8s.Translation.Report;
using Xunit;
using static EcsOnK8s.Translation.Tests.Pods.PodFixtures;

namespace EcsOnK8s.Translation.Tests.Pods;

public class ResourceTests
{
    [Fact]
    public void Build_ContainerCpuAndMemory_RequestsAndLimits()
    {
        var c = Container();
        c.Cpu = 512;
        c.Memory = 1024;
        c.MemoryReservation = 256;
        var (result, report) = Build(Spec(c));
        var app = result.Ctr("app");
        Assert.Equal("500m", app.Request("cpu"));
        Assert.False(app.Resources.Limits.ContainsKey("cpu"));
        Assert.Equal("1Gi", app.Limit("memory"));
        Assert.Equal("256Mi", app.Request("memory"));
        Assert.Equal(Disposition.Mapped, report.Entry("containerDefinitions[0].cpu").Disposition);
        Assert.False(report.HasRejections);
    }

    [Fact]
    public void Build_OnlyMemory_RequestsEqualLimits()
    {
        var c = Container();
        c.Memory = 300;
        var (result, _) = Build(Spec(c));
        Assert.Equal("300Mi", result.Ctr("app").Request("memory"));
        Assert.Equal("300Mi", result.Ctr("app").Limit("memory"));
    }

    [Fact]
    public void Build_TaskSizeWithoutContainerValues_DistributedEvenly()
    {
        var a = Container("a");
        a.Cpu = 256;
        a.MemoryReservation = 512;
        var b = Container("b");
        var c = Container("c");
        var spec = Spec(a, b, c);
        spec.Cpu = "1 vCPU";
        spec.Memory = "2 GB";
        var (result, report) = Build(spec);

        // 1024 - 256 = 768 units left, 384 each → 375m; 2048 - 512 = 1536 MiB left, 768 each.
        Assert.Equal("250m", result.Ctr("a").Request("cpu"));
        Assert.Equal("375m", result.Ctr("b").Request("cpu"));
        Assert.Equal("375m", result.Ctr("c").Request("cpu"));
        Assert.Equal("512Mi", result.Ctr("a").Request("memory"));
        Assert.Equal("2Gi", result.Ctr("a").Limit("memory"));
        Assert.Equal("768Mi", result.Ctr("b").Request("memory"));
        Assert.Equal("2Gi", result.Ctr("b").Limit("memory"));
        Assert.Equal(Disposition.Approximated, report.Entry("cpu").Disposition);
        Assert.Equal(Disposition.Approximated, report.Entry("memory").Disposition);
        Assert.False(report.HasRejections);
    }

    [Fact]
    public void Build_ContainerCpuAboveTask_Rejected()
    {
        var a = Container("a");
        a.Cpu = 1024;
        var b = Container("b");
        b.Cpu = 512;
        var spec = Spec(a, b);
        spec.Cpu = "1024";
        var (_, report) = Build(spec);
        Assert.Equal(Disposition.Rejected, report.Entry("cpu").Disposition);
        Assert.Contains("1536", report.Entry("cpu").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ReservationsAboveTaskMemory_Rejected()
    {
        var a = Container("a");
        a.MemoryReservation = 600;
        var b = Container("b");
        b.Memory = 600;
        var spec = Spec(a, b);
        spec.Memory = "1024";
        var (_, report) = Build(spec);
        Assert.Equal(Disposition.Rejected, report.Entry("memory").Disposition);
    }

    [Fact]
    public void Build_ReservationAboveMemory_Rejected()
    {
        var a = Container();
        a.Memory = 256;
        a.MemoryReservation = 512;
        var (_, report) = Build(Spec(a));
        Assert.Equal(Disposition.Rejected, report.Entry("containerDefinitions[0].memoryReservation").Disposition);
    }

    [Theory]
    [InlineData("lots", "memory")]
    [InlineData("1 GHz", "cpu")]
    public void Build_UnparseableTaskSize_RejectedNamingTheField(string value, string field)
    {
        var spec = Spec(Container());
        if (field == "cpu")
        {
            spec.Cpu = value;
        }
        else
        {
            spec.Memory = value;
        }

        var (_, report) = Build(spec);
        Assert.Equal(Disposition.Rejected, report.Entry(field).Disposition);
        Assert.Contains(value, report.Entry(field).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("256", "512", null)]
    [InlineData("256", "2048", null)]
    [InlineData("256", "4096", "memory")]
    [InlineData("512", "3072", null)]
    [InlineData("512", "512", "memory")]
    [InlineData("1 vCPU", "3 GB", null)]
    [InlineData("1024", "9216", "memory")]
    [InlineData("2048", "16384", null)]
    [InlineData("4096", "30720", null)]
    [InlineData("4096", "31744", "memory")]
    [InlineData("8192", "20480", null)]
    [InlineData("8192", "18432", "memory")]
    [InlineData("16384", "122880", null)]
    [InlineData("16384", "36864", "memory")]
    [InlineData("384", "1024", "cpu")]
    public void Build_FargatePairs_ValidatedAgainstTheTableNamingTheWrongField(string cpu, string memory, string? wrong)
    {
        var spec = Spec(Container());
        spec.RequiresCompatibilities = ["FARGATE"];
        spec.Cpu = cpu;
        spec.Memory = memory;
        var (_, report) = Build(spec);
        Assert.Equal(wrong is null, !report.HasRejections);
        if (wrong is not null)
        {
            Assert.Equal([wrong], report.Rejections.Select(e => e.Path.Split('.')[^1]));
        }
    }

    // The messages read as sentences and name what Fargate takes: no "it takes Fargate CPU sizes are ...".
    [Theory]
    [InlineData("384", "1024", "cpu", "Fargate does not run 384 CPU units: Fargate CPU sizes are 256, 512, 1024, 2048, 4096, 8192 or 16384 units")]
    [InlineData("1024", "1000", "memory", "Fargate does not run 1000 MiB with 1024 CPU units: with 1024 units it takes 2048 to 8192 MiB in steps of 1024")]
    [InlineData(null, "1024", "cpu", "FARGATE task definitions need task-level cpu: Fargate CPU sizes are 256, 512, 1024, 2048, 4096, 8192 or 16384 units")]
    [InlineData("512", null, "memory", "FARGATE task definitions need task-level memory: with 512 CPU units, 1024 to 4096 MiB in steps of 1024")]
    public void Build_FargateSizeWrong_MessageNamesTheFieldAndWhatFits(string? cpu, string? memory, string field, string message)
    {
        var spec = Spec(Container());
        spec.RequiresCompatibilities = ["FARGATE"];
        spec.Cpu = cpu;
        spec.Memory = memory;
        var (_, report) = Build(spec);
        var rejection = Assert.Single(report.Rejections);
        Assert.EndsWith(field, rejection.Path, StringComparison.Ordinal);
        Assert.Equal(message, rejection.Reason);
    }

    [Fact]
    public void Build_FargateWithoutTaskSize_CpuAndMemoryRejected()
    {
        var spec = Spec(Container());
        spec.RequiresCompatibilities = ["FARGATE"];
        var (_, report) = Build(spec);
        Assert.Equal(Disposition.Rejected, report.Entry("cpu").Disposition);
        Assert.Equal(Disposition.Rejected, report.Entry("memory").Disposition);
        Assert.Equal(Disposition.Mapped, report.Entry("requiresCompatibilities").Disposition);
    }

    [Fact]
    public void Build_Ec2PairOutsideFargateTable_Accepted()
    {
        var spec = Spec(Container());
        spec.RequiresCompatibilities = ["EC2"];
        spec.Cpu = "384";
        spec.Memory = "700";
        var (_, report) = Build(spec);
        Assert.False(report.HasRejections);
    }

    [Fact]
    public void Build_Gpu_LimitOfConfiguredResource()
    {
        var c = Container();
        c.ResourceRequirements = [new ResourceRequirement { Type = "GPU", Value = "2" }];
        var (result, _) = Build(Spec(c));
        Assert.Equal("2", result.Ctr("app").Limit("nvidia.com/gpu"));

        var (custom, _) = Build(Spec(c), new EcsClusterSpec { GpuResourceName = "amd.com/gpu" });
        Assert.Equal("2", custom.Ctr("app").Limit("amd.com/gpu"));
    }

    [Fact]
    public void Build_InferenceAccelerator_Rejected()
    {
        var c = Container();
        c.ResourceRequirements = [new ResourceRequirement { Type = "InferenceAccelerator", Value = "device_1" }];
        var (_, report) = Build(Spec(c));
        Assert.Equal(Disposition.Rejected, report.Entry("containerDefinitions[0].resourceRequirements[0].type").Disposition);
    }

    [Fact]
    public void Build_EphemeralStorage_SplitRequestsWholeLimit()
    {
        var spec = Spec(Container("a"), Container("b"));
        spec.EphemeralStorage = new EphemeralStorage { SizeInGiB = 30 };
        var (result, report) = Build(spec);
        Assert.Equal("15Gi", result.Ctr("a").Request("ephemeral-storage"));
        Assert.Equal("30Gi", result.Ctr("b").Limit("ephemeral-storage"));
        Assert.Equal(Disposition.Approximated, report.Entry("ephemeralStorage.sizeInGiB").Disposition);
    }
}
