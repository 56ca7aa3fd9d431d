using Actors.Streams.Runtime;

namespace Actors.Streams.Dsl;

/// <summary>Stops a running graph from outside.</summary>
public sealed class KillSwitch
{
    private readonly MaterializationContext _context;

    internal KillSwitch(MaterializationContext context) => _context = context;

    /// <summary>
    /// Graceful: every source completes, elements already in the graph drain through, sinks finish.
    /// </summary>
    public void Shutdown() => _context.Shutdown();

    /// <summary>
    /// Immediate: every stage stops, in-flight elements are discarded, and the run fails with
    /// <paramref name="reason"/>.
    /// </summary>
    public void Abort(Exception reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        _context.Abort(reason);
    }
}
