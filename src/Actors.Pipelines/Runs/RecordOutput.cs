using Actors.Cluster;

namespace Actors.Pipelines.Runs;

/// <summary>
/// Everything one input record produced, gathered so the record is committed only when all of it is:
/// rows per dataset, counter increments, dead letters, dedup entries and pool entries. An empty output
/// (a record that produced nothing) is still committed, so the record counts as done.
/// </summary>
public sealed class RecordOutput
{
    /// <summary>An output for record <paramref name="ordinal"/> of <paramref name="shard"/>.</summary>
    public RecordOutput(ShardId shard, long ordinal)
    {
        Shard = shard;
        Ordinal = ordinal;
    }

    /// <summary>The input shard.</summary>
    public ShardId Shard { get; }

    /// <summary>The record's ordinal in its shard.</summary>
    public long Ordinal { get; }

    /// <summary>Rows by dataset name.</summary>
    public Dictionary<string, List<object?[]>> Rows { get; } = new(StringComparer.Ordinal);

    /// <summary>Counter increments.</summary>
    public Dictionary<string, long> Counters { get; } = new(StringComparer.Ordinal);

    /// <summary>Elements given up on, with their reasons.</summary>
    public List<DeadLetter> DeadLetters { get; } = [];

    /// <summary>Dedup index entries by operator.</summary>
    public List<(string Operator, DedupEntry Entry)> Dedup { get; } = [];

    /// <summary>Self-Instruct pool entries.</summary>
    public List<PoolEntry> Pool { get; } = [];

    /// <summary>Adds a row to <paramref name="dataset"/>.</summary>
    public RecordOutput AddRow(string dataset, object?[] row)
    {
        if (!Rows.TryGetValue(dataset, out var rows))
        {
            rows = [];
            Rows[dataset] = rows;
        }

        rows.Add(row);
        return this;
    }

    /// <summary>Adds <paramref name="delta"/> to counter <paramref name="name"/>.</summary>
    public RecordOutput Count(string name, long delta = 1)
    {
        Counters[name] = Counters.GetValueOrDefault(name) + delta;
        return this;
    }
}
