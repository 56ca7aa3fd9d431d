namespace Actors.Pipelines.Runs;

/// <summary>
/// How a run is asked to stop. <see cref="Drain"/> (the first Ctrl-C): read no new input, finish and commit
/// what is in flight, exit cleanly; the run stays resumable. Cancelling <see cref="Abort"/> (the second
/// Ctrl-C): stop now; whatever was not committed is redone on resume.
/// </summary>
public sealed class RunControl : IDisposable
{
    private readonly CancellationTokenSource _drain = new();

    /// <summary>Creates a control whose abort is <paramref name="abort"/>.</summary>
    public RunControl(CancellationToken abort) => Abort = abort;

    /// <summary>Cancelled when the run must stop reading input.</summary>
    public CancellationToken Drain => _drain.Token;

    /// <summary>Cancelled when the run must stop at once.</summary>
    public CancellationToken Abort { get; }

    /// <summary>Whether draining was requested.</summary>
    public bool IsDraining => _drain.IsCancellationRequested;

    /// <summary>Requests a graceful stop.</summary>
    public void RequestDrain() => _drain.Cancel();

    /// <inheritdoc />
    public void Dispose() => _drain.Dispose();
}
