using EcsOnK8s.Translation.Units;
using Xunit;

namespace EcsOnK8s.Translation.Tests.Pods;

public class QuantitiesTests
{
    [Theory]
    [InlineData(512, "500m")]
    [InlineData(1024, "1")]
    [InlineData(256, "250m")]
    [InlineData(2048, "2")]
    [InlineData(10, "10m")]
    [InlineData(1, "1m")]
    [InlineData(1536, "1500m")]
    public void Cpu_Units_Millicores(int units, string expected) => Assert.Equal(expected, Quantities.Cpu(units));

    [Theory]
    [InlineData("256", 256)]
    [InlineData("1024", 1024)]
    [InlineData("1 vCPU", 1024)]
    [InlineData("0.25 vcpu", 256)]
    [InlineData("2vCPU", 2048)]
    [InlineData(" 4 VCPU ", 4096)]
    public void TryParseTaskCpu_EcsStrings_Units(string text, int expected)
    {
        Assert.True(Quantities.TryParseTaskCpu(text, out var units));
        Assert.Equal(expected, units);
    }

    [Theory]
    [InlineData("")]
    [InlineData("fast")]
    [InlineData("1 GHz")]
    [InlineData("0")]
    [InlineData("0.1 vCPU")]
    [InlineData("-256")]
    public void TryParseTaskCpu_Garbage_False(string text) => Assert.False(Quantities.TryParseTaskCpu(text, out _));

    [Theory]
    [InlineData("2 GB", 2048)]
    [InlineData("2048", 2048)]
    [InlineData("512 MiB", 512)]
    [InlineData("0.5GB", 512)]
    [InlineData("1GiB", 1024)]
    public void TryParseTaskMemory_EcsStrings_MiB(string text, int expected)
    {
        Assert.True(Quantities.TryParseTaskMemory(text, out var mib));
        Assert.Equal(expected, mib);
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("2 TB")]
    [InlineData("0.0001 GB")]
    public void TryParseTaskMemory_Garbage_False(string text) => Assert.False(Quantities.TryParseTaskMemory(text, out _));

    [Theory]
    [InlineData(512, "512Mi")]
    [InlineData(2048, "2Gi")]
    [InlineData(1536, "1536Mi")]
    public void MiB_Sizes_Quantities(int mib, string expected)
    {
        Assert.Equal(expected, Quantities.MiB(mib));
        Assert.True(Quantities.IsValid(expected));
    }

    [Theory]
    [InlineData("5Gi", true)]
    [InlineData("250m", true)]
    [InlineData("5 GB", false)]
    [InlineData("", false)]
    public void IsValid_Text_Quantity(string text, bool expected) => Assert.Equal(expected, Quantities.IsValid(text));
}
