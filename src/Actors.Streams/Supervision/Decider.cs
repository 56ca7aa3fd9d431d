namespace Actors.Streams.Supervision;

/// <summary>Chooses a <see cref="Directive"/> for an exception thrown while processing an element.</summary>
public delegate Directive Decider(Exception exception);

/// <summary>The three standard deciders.</summary>
public static class Deciders
{
    /// <summary>Every exception stops the stage.</summary>
    public static Decider Stopping { get; } = static _ => Directive.Stop;

    /// <summary>Every exception drops the element and the stage goes on.</summary>
    public static Decider Resuming { get; } = static _ => Directive.Resume;

    /// <summary>Every exception drops the element and resets the stage's state.</summary>
    public static Decider Restarting { get; } = static _ => Directive.Restart;
}
