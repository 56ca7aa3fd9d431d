namespace Actors.Pipelines.SelfInstruct;

/// <summary>An instance the filters removed, with the reason.</summary>
/// <param name="Instance">The instance.</param>
/// <param name="Reason">Why it was removed.</param>
public sealed record DroppedInstance(TaskInstance Instance, InstanceDrop Reason)
{
    /// <summary>The reason as counted, e.g. <c>empty_output</c>.</summary>
    public string CountKey => Reason switch
    {
        InstanceDrop.TruncatedLastInstance => "truncated_last_instance",
        InstanceDrop.InputEqualsOutput => "input_equals_output",
        InstanceDrop.EmptyOutput => "empty_output",
        InstanceDrop.TrailingColon => "trailing_colon",
        InstanceDrop.ConflictingOutputs => "conflicting_outputs",
        InstanceDrop.Duplicate => "duplicate",
        InstanceDrop.OverLimit => "over_limit",
        _ => Reason.ToString(),
    };
}
