using Actors.Streams.Runtime;

namespace Actors.Streams.Dsl;

/// <summary>A closed blueprint (source to sink) that can be run any number of times.</summary>
public sealed class RunnableGraph<TMat>
{
    private readonly Func<MaterializationContext, Task<TMat>> _build;

    internal RunnableGraph(Func<MaterializationContext, Task<TMat>> build) => _build = build;

    /// <summary>
    /// Materializes and starts every stage. Cancelling <paramref name="cancellationToken"/> aborts the run
    /// (as <see cref="KillSwitch.Abort"/> does).
    /// </summary>
    public RunningGraph<TMat> Run(RunOptions? options = null, CancellationToken cancellationToken = default)
    {
        var context = new MaterializationContext(options ?? new RunOptions(), cancellationToken);
        Task<TMat> materialized;
        try
        {
            materialized = _build(context);
        }
        catch (Exception ex)
        {
            // A blueprint that cannot be built must not leave the stages it did start running.
            context.Abort(ex);
            throw;
        }

        return new RunningGraph<TMat>(context, materialized);
    }
}
