namespace Actors.Inference;

/// <summary>
/// The <c>Actors.Inference</c> meter (System.Diagnostics.Metrics). Per device, tagged <c>device</c> and <c>model</c>:
/// actors.inference.requests, .batches, .tokens_in, .tokens_out, .succeeded, .restarts, .errors (plus tag
/// <c>kind</c>), .in_flight (gauge), .latency (histogram, ms, one backend call), .batch_occupancy (histogram,
/// batch size / max-batch). Router-wide: .dead_letters (tags <c>model</c>, <c>kind</c>), .retries, .cache_hits,
/// .cache_misses (tag <c>model</c>).
/// </summary>
public static class InferenceMeter
{
    /// <summary>The meter's name.</summary>
    public const string Name = "Actors.Inference";
}
