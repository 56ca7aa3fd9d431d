namespace Actors.Pipelines.SelfInstruct;

/// <summary>A list item the parser did not keep, with its reason.</summary>
/// <param name="Number">The item's number in the list.</param>
/// <param name="Text">Its text (whitespace collapsed).</param>
/// <param name="Reason">Why it was dropped.</param>
public sealed record DroppedListItem(int Number, string Text, ListItemDrop Reason)
{
    /// <summary>The reason as counted: <c>empty_item</c>, <c>truncated_last_item</c>, <c>stop_inside_content</c>, <c>beyond_limit</c>, <c>preamble</c>.</summary>
    public string CountKey => Reason switch
    {
        ListItemDrop.Empty => "empty_item",
        ListItemDrop.TruncatedLastItem => "truncated_last_item",
        ListItemDrop.StopInsideContent => "stop_inside_content",
        ListItemDrop.BeyondLimit => "beyond_limit",
        ListItemDrop.Preamble => "preamble",
        _ => Reason.ToString(),
    };
}
