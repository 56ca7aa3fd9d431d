namespace Actors.Pipelines.SelfInstruct;

/// <summary>Why an item of a generated instruction list was not kept.</summary>
public enum ListItemDrop
{
    /// <summary>The item has no text (<c>empty_item</c>).</summary>
    Empty,

    /// <summary>Last item of a completion cut by the token limit (<c>truncated_last_item</c>).</summary>
    TruncatedLastItem,

    /// <summary>Last item cut by a stop sequence that matched inside its text, e.g. "16." inside "2016." (<c>stop_inside_content</c>).</summary>
    StopInsideContent,

    /// <summary>Text after the last allowed number, written past the stop sequences (<c>beyond_limit</c>).</summary>
    BeyondLimit,

    /// <summary>Chatter before the list restarted at the expected number (<c>preamble</c>).</summary>
    Preamble,
}
