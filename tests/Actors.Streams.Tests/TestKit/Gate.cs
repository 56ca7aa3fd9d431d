namespace Actors.Streams.Tests.TestKit;

/// <summary>
/// A demand probe: a slow consumer that takes one element each time the test opens it, so tests decide
/// exactly when downstream pulls.
/// </summary>
public sealed class Gate : IDisposable
{
    private readonly SemaphoreSlim _permits = new(0);
    private int _passed;

    public int Passed => Volatile.Read(ref _passed);

    public void Open(int count = 1) => _permits.Release(count);

    public async Task PassAsync(CancellationToken cancellationToken)
    {
        await _permits.WaitAsync(cancellationToken);
        Interlocked.Increment(ref _passed);
    }

    public void Dispose() => _permits.Dispose();
}
