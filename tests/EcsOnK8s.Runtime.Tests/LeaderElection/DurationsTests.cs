using EcsOnK8s.Runtime.LeaderElection;
using Xunit;

namespace EcsOnK8s.Runtime.Tests.LeaderElection;

public sealed class DurationsTests
{
    [Theory]
    [InlineData("15s", 15_000)]
    [InlineData("500ms", 500)]
    [InlineData("2m", 120_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("15", 15_000)]
    [InlineData("0.25", 250)]
    [InlineData("00:00:15", 15_000)]
    [InlineData(" 10s ", 10_000)]
    public void TryParse_ValidText_Parses(string text, int expectedMilliseconds)
    {
        Assert.True(Durations.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("5x")]
    [InlineData("-1s")]
    [InlineData("-3")]
    [InlineData("s")]
    [InlineData("10 s")]
    public void TryParse_InvalidText_Fails(string text)
    {
        Assert.False(Durations.TryParse(text, out _));
    }

    [Theory]
    [InlineData(15_000, "15s")]
    [InlineData(120_000, "2m")]
    [InlineData(7_200_000, "2h")]
    [InlineData(1_500, "1500ms")]
    [InlineData(0, "0s")]
    public void Format_Value_ShortestFormThatParsesBack(int milliseconds, string expected)
    {
        var value = TimeSpan.FromMilliseconds(milliseconds);

        var text = Durations.Format(value);

        Assert.Equal(expected, text);
        Assert.True(Durations.TryParse(text, out var back));
        Assert.Equal(value, back);
    }
}
