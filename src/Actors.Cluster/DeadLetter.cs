namespace Actors.Cluster;

/// <summary>An element a stage gave up on, with why and where, kept so that nothing is dropped silently.</summary>
/// <param name="Stage">The stage that gave up, for example <c>labeler</c>.</param>
/// <param name="Reason">Why, for example <c>unparseable score after 5 attempts</c>.</param>
/// <param name="PayloadJson">The element (or what is left of it) as JSON text.</param>
/// <param name="Location">Where it came from, for example <c>corpus/a.jsonl.gz:1234</c>.</param>
public sealed record DeadLetter(string Stage, string Reason, string PayloadJson, string Location)
{
    /// <summary>The input shard, when the element came from one.</summary>
    public ShardId? Shard { get; init; }

    /// <summary>The record ordinal within <see cref="Shard"/>, when known.</summary>
    public long? Ordinal { get; init; }
}
