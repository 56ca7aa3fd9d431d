namespace Actors.Pipelines.SelfInstruct;

/// <summary>Why a generated instance was not kept.</summary>
public enum InstanceDrop
{
    /// <summary>Last instance of a completion cut by the token limit (<c>truncated_last_instance</c>).</summary>
    TruncatedLastInstance,

    /// <summary>The input equals the output (<c>input_equals_output</c>).</summary>
    InputEqualsOutput,

    /// <summary>The output is empty (<c>empty_output</c>).</summary>
    EmptyOutput,

    /// <summary>The input or output ends with a colon: an unfinished generation (<c>trailing_colon</c>).</summary>
    TrailingColon,

    /// <summary>Another instance has the same non-empty input with a different output (<c>conflicting_outputs</c>).</summary>
    ConflictingOutputs,

    /// <summary>Same input and output as an earlier instance of the task (<c>duplicate</c>).</summary>
    Duplicate,

    /// <summary>Beyond the per-task maximum (<c>over_limit</c>).</summary>
    OverLimit,
}
