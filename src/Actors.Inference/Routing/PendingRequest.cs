using Actors.Inference.Devices;

namespace Actors.Inference.Routing;

/// <summary>
/// One request on its way through the router: its outcome, attempts, and which device holds it now.
/// </summary>
/// <remarks>
/// Invariant (kept under <see cref="_gate"/>): at most one dispatch is active at a time, identified by a number that
/// grows with every dispatch. Whoever ends the active dispatch first (the device's result, a hand-back, a skip of a
/// cancelled request) owns the next step; everyone else sees <see cref="TryEndDispatch"/> fail and stops. So a
/// result that arrives after its device handed the request back is ignored, and nothing completes twice.
/// </remarks>
internal sealed class PendingRequest(CompletionRequest request, string? cacheKey, string cacheModel)
{
    private readonly Lock _gate = new();
    private int _dispatches;
    private int _active;
    private DeviceHandle? _device;

    public CompletionRequest Request { get; } = request;

    public string? CacheKey { get; } = cacheKey;

    public string CacheModel { get; } = cacheModel;

    public TaskCompletionSource<InferenceOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsDone => Outcome.Task.IsCompleted;

    /// <summary>Backend calls made (a failure counts when it happens, a success when it arrives).</summary>
    public int Attempts { get; set; }

    /// <summary>Times a device handed it back because it went out of service.</summary>
    public int Handoffs { get; set; }

    /// <summary>The device of the last failure; the next dispatch avoids it when another device can serve.</summary>
    public DeviceHandle? AvoidDevice { get; set; }

    /// <summary>When it was first parked waiting for a device (a clock timestamp); null once a device took it.</summary>
    public long? ParkedSince { get; set; }

    public int BeginDispatch(DeviceHandle device)
    {
        lock (_gate)
        {
            _active = ++_dispatches;
            _device = device;
            ParkedSince = null;
            device.AddOutstanding(1);
            return _active;
        }
    }

    /// <summary>Ends dispatch <paramref name="dispatch"/> if it is the active one; the device's outstanding count drops.</summary>
    public bool TryEndDispatch(int dispatch)
    {
        DeviceHandle? device;
        lock (_gate)
        {
            if (_active != dispatch || dispatch == 0)
            {
                return false;
            }

            _active = 0;
            device = _device;
            _device = null;
        }

        device?.AddOutstanding(-1);
        return true;
    }
}
