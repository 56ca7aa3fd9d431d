using System.Runtime.InteropServices;
using Actors.Pipelines.Runs;

namespace Actors.Cli.Commands;

/// <summary>
/// Ctrl-C and SIGTERM for a run: the first drains (no new input, in-flight work is committed, clean exit),
/// the second aborts (uncommitted work is redone on resume).
/// </summary>
internal sealed class RunSignals : IDisposable
{
    private readonly CancellationTokenSource _abort;
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _signals;

    public RunSignals(CancellationToken outer, Action<string> log)
    {
        _abort = CancellationTokenSource.CreateLinkedTokenSource(outer);
        Control = new RunControl(_abort.Token);
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            _registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                // The default action (terminate) is what we replace.
                context.Cancel = true;
                if (Interlocked.Increment(ref _signals) == 1)
                {
                    log($"{context.Signal}: draining (finishing and committing in-flight work); press Ctrl-C again to abort");
                    Control.RequestDrain();
                }
                else
                {
                    log($"{context.Signal}: aborting; uncommitted work will be redone on resume");
                    _abort.Cancel();
                }
            }));
        }
    }

    public RunControl Control { get; }

    public CancellationToken Abort => _abort.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        Control.Dispose();
        _abort.Dispose();
    }
}
