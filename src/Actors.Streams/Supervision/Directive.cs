namespace Actors.Streams.Supervision;

/// <summary>What a stage does with an element whose processing threw.</summary>
public enum Directive
{
    /// <summary>Fail the stage: failure flows downstream, cancellation upstream. The default.</summary>
    Stop,

    /// <summary>Drop the element (counted as dropped, reported as a dead letter) and go on.</summary>
    Resume,

    /// <summary>Drop the element, reset the stage's accumulated state, and go on.</summary>
    Restart,
}
