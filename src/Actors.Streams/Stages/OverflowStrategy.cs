namespace Actors.Streams.Stages;

/// <summary>What a <c>Buffer</c> does when it is full and another element arrives.</summary>
public enum OverflowStrategy
{
    /// <summary>Stop pulling upstream until there is room (lossless).</summary>
    Backpressure,

    /// <summary>Drop the oldest buffered element to make room (counted, dead-lettered).</summary>
    DropHead,

    /// <summary>Drop the youngest buffered element to make room (counted, dead-lettered).</summary>
    DropTail,

    /// <summary>Drop the arriving element (counted, dead-lettered).</summary>
    DropNew,

    /// <summary>Drop everything buffered, then buffer the arriving element (counted, dead-lettered).</summary>
    DropBuffer,

    /// <summary>Fail the stream with <see cref="BufferOverflowException"/>.</summary>
    Fail,
}
