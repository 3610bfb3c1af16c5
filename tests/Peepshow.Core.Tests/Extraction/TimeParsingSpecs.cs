using Peepshow.Core.Extraction;

namespace Peepshow.Core.Tests.Extraction;

public sealed class TimeParsingSpecs
{
    [Theory]
    [InlineData("12", 12)]
    [InlineData("12.5", 12.5)]
    [InlineData("12.5s", 12.5)]
    [InlineData("1:05", 65)]
    [InlineData("01:02:03.5", 3723.5)]
    [InlineData("0:00.25", 0.25)]
    public void I_can_give_times_as_seconds_or_clock_time(string text, double seconds)
    {
        Assert.True(TimeParsing.TryParseSeconds(text, out var parsed));
        Assert.Equal(seconds, parsed, 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-3")]
    [InlineData("1:75")]
    [InlineData("abc")]
    [InlineData("1:2:3:4")]
    [InlineData("1e3")]
    public void Anything_else_is_refused(string text)
    {
        Assert.False(TimeParsing.TryParseSeconds(text, out _));
    }
}
