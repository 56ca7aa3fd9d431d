namespace Actors.Pipelines.SelfInstruct;

/// <summary>A machine-generated instruction accepted into the pool, with the id its lineage refers to.</summary>
/// <param name="Id">Stable id of the accepted instruction (for example the run id and its pool position).</param>
/// <param name="Text">The instruction text.</param>
public sealed record PoolInstruction(string Id, string Text);
