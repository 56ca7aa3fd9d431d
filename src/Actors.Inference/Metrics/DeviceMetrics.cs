namespace Actors.Inference.Metrics;

/// <summary>
/// Counters of one device, incremented on the hot path with plain interlocked adds and read by the observable
/// instruments of <see cref="InferenceInstruments"/> (and by <see cref="DeviceInfo"/> snapshots).
/// </summary>
internal sealed class DeviceMetrics(string device, Func<string> model, Func<long> outstanding)
{
    private static readonly int KindCount = Enum.GetValues<FailureKind>().Length;

    public long Requests;
    public long Batches;
    public long TokensIn;
    public long TokensOut;
    public long Restarts;
    public long Succeeded;
    public readonly long[] ErrorsByKind = new long[KindCount];

    public string Device { get; } = device;

    public string Model => model();

    public long Outstanding => outstanding();

    public long Errors
    {
        get
        {
            long sum = 0;
            for (var i = 0; i < ErrorsByKind.Length; i++)
            {
                sum += Interlocked.Read(ref ErrorsByKind[i]);
            }

            return sum;
        }
    }

    public void CountError(FailureKind kind) => Interlocked.Increment(ref ErrorsByKind[(int)kind]);
}
