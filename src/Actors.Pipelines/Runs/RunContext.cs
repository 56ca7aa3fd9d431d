using Actors.Cluster;
using Actors.Inference;
using Actors.Parquet;
using Actors.Streams.Dsl;

namespace Actors.Pipelines.Runs;

/// <summary>What every recipe stage of one run shares: the store, the output directory, the model router and settings.</summary>
public sealed record RunContext
{
    /// <summary>The run store.</summary>
    public required IRunStore Store { get; init; }

    /// <summary>The run.</summary>
    public required RunId Run { get; init; }

    /// <summary>The output directory.</summary>
    public required RunLayout Layout { get; init; }

    /// <summary>The model router (offline or devices).</summary>
    public required InferenceRouter Router { get; init; }

    /// <summary>Parquet writer settings for part files.</summary>
    public ParquetWriterOptions Parquet { get; init; } = new();

    /// <summary>Stream defaults.</summary>
    public StreamSettings Streams { get; init; } = new();

    /// <summary>Clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Progress and diagnostics lines (never secrets).</summary>
    public Action<string> Log { get; init; } = _ => { };

    /// <summary>Cancelled when the run should read no more input and finish what is in flight (first Ctrl-C).</summary>
    public CancellationToken Drain { get; init; }

    /// <summary>Called after every commit with the records it covered (progress display).</summary>
    public Action<long>? OnCommitted { get; init; }
}
