namespace Actors.Parquet.Jsonl;

/// <summary>An input record that was not converted, with its 1-based line number and the reason.</summary>
/// <param name="Line">1-based line number in the input file.</param>
/// <param name="Reason">What does not fit, naming the column.</param>
public readonly record struct JsonlRejectedRecord(long Line, string Reason);
