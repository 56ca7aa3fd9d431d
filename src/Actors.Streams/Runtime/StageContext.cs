using Actors.Streams.Supervision;

namespace Actors.Streams.Runtime;

/// <summary>What one running stage knows of its run: name, metrics, supervision, clock, signals.</summary>
internal sealed class StageContext
{
    public StageContext(MaterializationContext graph, string name, StageMetrics metrics, Decider decider, int bufferSize)
    {
        Graph = graph;
        Name = name;
        Metrics = metrics;
        Decider = decider;
        BufferSize = bufferSize;
    }

    public MaterializationContext Graph { get; }

    public string Name { get; }

    public StageMetrics Metrics { get; }

    public Decider Decider { get; }

    /// <summary>Capacity of the edge this stage writes into.</summary>
    public int BufferSize { get; }

    public TimeProvider Time => Graph.Time;

    public Edge<T> CreateOutput<T>(bool singleWriter = true, bool singleReader = true) =>
        new(Name, BufferSize, singleWriter, singleReader);

    /// <summary>
    /// Applies the decider to a processing failure. Resume and Restart drop the element: it is counted
    /// and reported as a dead letter.
    /// </summary>
    public Directive Decide(Exception error, object? element)
    {
        Metrics.FailedCount++;
        Directive directive;
        try
        {
            directive = Decider(error);
        }
        catch (Exception deciderError)
        {
            // A throwing decider must not hide the original failure: both travel on as the stage's failure.
            throw new AggregateException($"The supervision decider of stage '{Name}' threw.", error, deciderError);
        }

        if (directive != Directive.Stop)
        {
            Drop(element, directive == Directive.Resume ? "supervision:resume" : "supervision:restart", error);
        }

        return directive;
    }

    /// <summary>Counts a dropped element and hands it to the run's dead-letter observer.</summary>
    public void Drop(object? element, string reason, Exception? error = null)
    {
        Interlocked.Increment(ref Metrics.DroppedCount);
        Graph.Options.DeadLetters?.Invoke(new DeadLetter(Name, element, reason, error));
    }

    /// <summary>Counts an element left unread in an input edge when this stage cancelled it.</summary>
    public void DropUnread<T>(T element) => Drop(element, "cancelled:unread");

    /// <summary>The exception a stage puts on its output when the run is aborted.</summary>
    public Exception AbortException =>
        Graph.AbortReason ?? new OperationCanceledException("The stream was aborted.");
}
