namespace Actors.Pipelines.Export;

/// <summary>An Alpaca-style row (columns of <see cref="TrainingRowSchemas.Alpaca"/>).</summary>
/// <param name="Instruction">The task.</param>
/// <param name="Input">The input; empty when none.</param>
/// <param name="Output">The answer.</param>
/// <param name="Lineage">Where it came from; template id "alpaca".</param>
public sealed record AlpacaRow(string Instruction, string Input, string Output, RowLineage Lineage)
{
    /// <summary>The row's values in the schema's column order.</summary>
    public object?[] ToParquetValues() => [Instruction, Input, Output, .. TrainingRowSchemas.LineageValues(Lineage)];
}
