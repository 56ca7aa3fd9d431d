using Actors.Cluster;
using Actors.Hocon;

namespace Actors.Pipelines.Runs;

/// <summary>What <see cref="RunLauncher"/> needs to know about a recipe.</summary>
public interface IRecipeDefinition
{
    /// <summary>The recipe's name as stored with runs.</summary>
    string Name { get; }

    /// <summary>The datasets it writes.</summary>
    IReadOnlyList<DatasetSpec> Datasets { get; }

    /// <summary>Checks the inputs (files exist, options make sense) before anything is created.</summary>
    /// <exception cref="ArgumentException">An input is missing or invalid; the message says which.</exception>
    void ValidateInputs(IReadOnlyDictionary<string, string[]> inputs, HoconConfig config);

    /// <summary>Registers the run's input shards with the store, idempotently.</summary>
    Task RegisterInputsAsync(IRunStore store, RunId run, IReadOnlyDictionary<string, string[]> inputs, HoconConfig config, CancellationToken cancellationToken);

    /// <summary>
    /// Registers the inputs of a cluster job (<c>actors feed</c>), idempotently. By default the same shards as a
    /// single-node run; a recipe that splits its work differently on a cluster registers its own.
    /// </summary>
    Task RegisterJobInputsAsync(IRunStore store, RunId run, IReadOnlyDictionary<string, string[]> inputs, HoconConfig config, CancellationToken cancellationToken) =>
        RegisterInputsAsync(store, run, inputs, config, cancellationToken);

    /// <summary>The attempt's work: process whatever the store does not list as committed.</summary>
    Func<CancellationToken, Task> CreateWork(RunContext context, IReadOnlyDictionary<string, string[]> inputs, HoconConfig config);

    /// <summary>
    /// Processes one shard under a lease (cluster mode): every commit carries <paramref name="fence"/>, so a node
    /// that lost the lease can commit nothing. Throws <see cref="FencedOffException"/> when that happens.
    /// </summary>
    Task ProcessShardAsync(RunContext context, HoconConfig config, ShardDefinition shard, LeaseToken fence, CancellationToken cancellationToken);
}
