namespace Actors.Hocon.Tests.Options;

/// <summary>A positional record: bound through its constructor.</summary>
public sealed record DeviceOptions(Uri Endpoint, string Model, int MaxBatch = 32, int? Gpu = null)
{
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromMilliseconds(20);
}
