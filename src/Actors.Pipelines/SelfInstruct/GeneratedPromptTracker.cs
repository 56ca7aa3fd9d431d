using System.Diagnostics;
using Actors.Cluster;

namespace Actors.Pipelines.SelfInstruct;

/// <summary>
/// What the gate knows of the prompts that workers have generated: the committed ordinals of each prompt shard, read
/// from the store at most once per poll interval however many prompts wait on the same shard.
/// </summary>
internal sealed class GeneratedPromptTracker(IRunStore store, RunId run, TimeSpan pollInterval)
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Dictionary<ShardId, (OrdinalSet Done, long ReadAt)> _shards = [];

    /// <summary>True once <paramref name="index"/> is committed in <paramref name="shard"/>.</summary>
    public async Task<bool> ContainsAsync(ShardId shard, long index, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_shards.TryGetValue(shard, out var known) && (known.Done.Contains(index) || Stopwatch.GetElapsedTime(known.ReadAt) < pollInterval))
            {
                return known.Done.Contains(index);
            }

            var done = await store.GetCommittedOrdinalsAsync(run, shard, cancellationToken).ConfigureAwait(false);
            _shards[shard] = (done, Stopwatch.GetTimestamp());
            return done.Contains(index);
        }
        finally
        {
            _lock.Release();
        }
    }
}
