namespace Actors.Pipelines.Export;

/// <summary>A prompt/completion training row (columns of <see cref="TrainingRowSchemas.PromptCompletion"/>).</summary>
/// <param name="Prompt">The rendered prompt.</param>
/// <param name="Completion">The rendered completion.</param>
/// <param name="Lineage">Where it came from; its template id names the training template.</param>
public sealed record PromptCompletionRow(string Prompt, string Completion, RowLineage Lineage)
{
    /// <summary>The row's values in the schema's column order, for <c>ParquetWriter.WriteRowAsync</c>.</summary>
    public object?[] ToParquetValues() => [Prompt, Completion, .. TrainingRowSchemas.LineageValues(Lineage)];
}
