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
    [InlineData("256", "512", true)]
    [InlineData("256", "2048", true)]
    [InlineData("256", "4096", false)]
    [InlineData("512", "3072", true)]
    [InlineData("512", "512", false)]
    [InlineData("1 vCPU", "3 GB", true)]
    [InlineData("1024", "9216", false)]
    [InlineData("2048", "16384", true)]
    [InlineData("4096", "30720", true)]
    [InlineData("4096", "31744", false)]
    [InlineData("8192", "20480", true)]
    [InlineData("8192", "18432", false)]
    [InlineData("16384", "122880", true)]
    [InlineData("16384", "36864", false)]
    [InlineData("384", "1024", false)]
    public void Build_FargatePairs_ValidatedAgainstTheTable(string cpu, string memory, bool valid)
    {
        var spec = Spec(Container());
        spec.RequiresCompatibilities = ["FARGATE"];
        spec.Cpu = cpu;
        spec.Memory = memory;
        var (_, report) = Build(spec);
        Assert.Equal(valid, !report.HasRejections);
        if (!valid)
        {
            Assert.Contains("Fargate", report.Entry("memory").Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Build_FargateWithoutTaskSize_Rejected()
    {
        var spec = Spec(Container());
        spec.RequiresCompatibilities = ["FARGATE"];
        var (_, report) = Build(spec);
        Assert.Equal(Disposition.Rejected, report.Entry("requiresCompatibilities").Disposition);
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
