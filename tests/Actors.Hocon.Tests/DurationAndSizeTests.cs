namespace Actors.Hocon.Tests;

public sealed class DurationAndSizeTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("10 s", 10_000)]
    [InlineData("10s", 10_000)]
    [InlineData("2 minutes", 120_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("1 d", 86_400_000)]
    [InlineData("250", 250)]
    [InlineData("1000 us", 1)]
    [InlineData("2000000 nanoseconds", 2)]
    public void Durations_parse_with_and_without_units(string text, long milliseconds)
    {
        var config = TestHocon.Parse($"d = {text}");
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), config.GetDuration("d"));
    }

    [Theory]
    [InlineData("64MiB", 64L << 20)]
    [InlineData("1 GB", 1_000_000_000L)]
    [InlineData("1G", 1L << 30)]
    [InlineData("10kB", 10_000L)]
    [InlineData("10K", 10_240L)]
    [InlineData("512", 512L)]
    [InlineData("2 bytes", 2L)]
    [InlineData("1.5 KiB", 1536L)]
    [InlineData("3 tebibytes", 3L << 40)]
    public void Sizes_parse_powers_of_two_and_of_ten(string text, long bytes)
    {
        Assert.Equal(bytes, TestHocon.Parse($"s = {text}").GetSize("s"));
    }

    [Theory]
    [InlineData("d = 10 parsecs")]
    [InlineData("d = soon")]
    [InlineData("d = 99999999999999999999 days")]
    [InlineData("d = [1]")]
    public void Bad_durations_name_the_setting_and_the_line(string text)
    {
        var error = Assert.Throws<ConfigurationException>(() => TestHocon.Parse("x = 1\n" + text).GetDuration("d"));
        Assert.StartsWith("test.conf:2: d: expected a duration", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("s = -1 MiB")]
    [InlineData("s = 10 lightyears")]
    [InlineData("s = 20 EiB")]
    public void Bad_sizes_are_errors(string text)
    {
        Assert.Throws<ConfigurationException>(() => TestHocon.Parse(text).GetSize("s"));
    }
}
