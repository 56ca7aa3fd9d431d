using System.Diagnostics.Metrics;

namespace Actors.Cluster;

/// <summary>The meter <c>Actors.Cluster</c>: what the run store does, for the metrics endpoint.</summary>
internal static class StoreInstruments
{
    public const string MeterName = "Actors.Cluster";

    private static readonly Meter s_meter = new(MeterName);

    /// <summary>Commits by outcome: applied, already-applied, fenced, rejected.</summary>
    public static readonly Counter<long> Commits = s_meter.CreateCounter<long>("actors.store.commits", description: "Run store commits by outcome");

    /// <summary>Time a commit took, retries included.</summary>
    public static readonly Histogram<double> CommitDuration = s_meter.CreateHistogram<double>("actors.store.commit.duration", unit: "ms", description: "Run store commit latency");

    /// <summary>Transient failures that were retried.</summary>
    public static readonly Counter<long> Retries = s_meter.CreateCounter<long>("actors.store.retries", description: "Transient store failures retried");

    /// <summary>Shard and singleton leases taken.</summary>
    public static readonly Counter<long> LeasesAcquired = s_meter.CreateCounter<long>("actors.store.leases.acquired", description: "Leases taken");
}
