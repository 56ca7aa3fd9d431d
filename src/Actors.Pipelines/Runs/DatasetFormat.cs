namespace Actors.Pipelines.Runs;

/// <summary>How a dataset's part files are written.</summary>
public enum DatasetFormat
{
    /// <summary>Parquet through Actors.Parquet.</summary>
    Parquet,

    /// <summary>JSON Lines (the quarantine, which people read with a text editor).</summary>
    Jsonl,
}
