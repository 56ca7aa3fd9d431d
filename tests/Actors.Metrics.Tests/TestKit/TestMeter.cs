using System.Diagnostics.Metrics;

namespace Actors.Metrics.Tests.TestKit;

/// <summary>A meter with a unique "Actors.Test.*" name, so parallel tests never see each other's instruments by accident.</summary>
public sealed class TestMeter : IDisposable
{
    public TestMeter()
    {
        Id = Guid.NewGuid().ToString("N")[..12];
        Meter = new Meter("Actors.Test." + Id);
    }

    /// <summary>A short unique id, also useful as an instrument name part.</summary>
    public string Id { get; }

    public Meter Meter { get; }

    /// <summary>A unique instrument name "test.ID.suffix".</summary>
    public string Name(string suffix) => $"test.{Id}.{suffix}";

    /// <summary>The Prometheus form of <see cref="Name"/> before unit and type suffixes.</summary>
    public string Prom(string suffix) => $"test_{Id}_{suffix}";

    public void Dispose() => Meter.Dispose();
}
