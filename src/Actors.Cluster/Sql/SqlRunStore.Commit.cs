using System.Data.Common;
using System.Diagnostics;
using System.Text;

namespace Actors.Cluster.Sql;

/// <summary>The commit protocol: one transaction records part files together with every state change they imply.</summary>
internal abstract partial class SqlRunStore
{
    private const int RowsPerInsert = 200;

    /// <inheritdoc />
    public RunCommit BeginCommit(RunId run, LeaseToken? fence = null, CommitId? id = null) =>
        new(this, run, fence, id ?? CommitId.New());

    /// <inheritdoc />
    async Task<CommitResult> ICommitTarget.CommitAsync(RunCommit commit, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "rejected";
        try
        {
            var result = await WriteAsync("commit", (scope, ct) => ApplyAsync(scope, commit, ct), cancellationToken).ConfigureAwait(false);
            outcome = result.AlreadyApplied ? "already-applied" : "applied";
            return result;
        }
        catch (FencedOffException)
        {
            outcome = "fenced";
            throw;
        }
        finally
        {
            StoreInstruments.Commits.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
            StoreInstruments.CommitDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private async Task<CommitResult> ApplyAsync(WriteScope scope, RunCommit commit, CancellationToken ct)
    {
        var run = commit.Run.Value;

        // 1. Register the commit id; a known id makes the whole unit a no-op (a retry after a lost acknowledgement).
        //    One statement in the common case: the insert succeeds only for a new id of a registered run.
        var inserted = await scope.Sql($"""
            INSERT INTO commits (commit_id, run_id, committed_at)
            SELECT @id, @run, {Now} WHERE EXISTS (SELECT 1 FROM runs WHERE run_id = @run)
            ON CONFLICT (commit_id) DO NOTHING
            RETURNING seq
            """).Text("id", commit.Id.Value).Text("run", run).ExecuteScalarAsync(ct).ConfigureAwait(false);
        if (inserted is null)
        {
            // The id is known (possibly committed by another process a moment ago: PostgreSQL waited for it), or
            // the run is not.
            return await FindCommitAsync(scope, commit, ct).ConfigureAwait(false) ?? throw UnknownRun(commit.Run);
        }

        var sequence = Convert.ToInt64(inserted, System.Globalization.CultureInfo.InvariantCulture);

        // 2. Fences: each lease must still be held with this fencing number and not have expired. The row lock
        //    (PostgreSQL: FOR SHARE) makes a concurrent takeover wait until this transaction ends, so a new owner
        //    always reads progress that includes this commit, and an old owner can never commit after a takeover.
        foreach (var fence in commit.Fences)
        {
            await CheckFenceAsync(scope, fence, ct).ConfigureAwait(false);
        }

        // 3. Shards touched by the unit must exist; their rows are locked (in a fixed order) and progress is merged.
        var writes = new SqlBatch();
        var shards = new HashSet<ShardId>(commit.Done.Keys);
        shards.UnionWith(commit.Completed.Keys);
        shards.UnionWith(commit.Failed.Keys);
        foreach (var part in commit.Parts)
        {
            if (part.Shard is { } shard)
            {
                shards.Add(shard);
            }
        }

        foreach (var shard in shards.OrderBy(s => s.Value, StringComparer.Ordinal))
        {
            var bytes = await scope.Sql($"SELECT done_ordinals FROM shards WHERE run_id = @run AND shard_id = @shard{ForUpdate}")
                .Text("run", run).Text("shard", shard.Value).ExecuteScalarAsync(ct).ConfigureAwait(false);
            if (bytes is not byte[] stored)
            {
                throw UnknownShard(commit.Run, shard);
            }

            var committed = OrdinalSet.FromBytes(stored);
            if (commit.Done.TryGetValue(shard, out var done))
            {
                committed = committed.Union(done.ToOrdinalSet());
                writes.Add("UPDATE shards SET done_ordinals = @ordinals, done_count = @count WHERE run_id = @run AND shard_id = @shard")
                    .Blob("ordinals", committed.ToBytes()).Int("count", committed.Count).Text("run", run).Text("shard", shard.Value);
            }

            // A shard is done only when every one of its records is: completing it early would drop records silently.
            if (commit.Completed.TryGetValue(shard, out var total))
            {
                if (committed.Count != total)
                {
                    throw new InvalidOperationException(
                        $"Shard {shard} of run {commit.Run} is completed with {total} records, but {committed.Count} are committed ({committed}); "
                        + "mark every record done (dead-lettered and filtered ones too) before completing the shard.");
                }

                writes.Add("UPDATE shards SET state = 'done', total_records = @total WHERE run_id = @run AND shard_id = @shard")
                    .Int("total", total).Text("run", run).Text("shard", shard.Value);
            }

            if (commit.Failed.TryGetValue(shard, out var reason))
            {
                writes.Add("UPDATE shards SET state = 'failed', failure = @reason WHERE run_id = @run AND shard_id = @shard")
                    .Text("reason", reason).Text("run", run).Text("shard", shard.Value);
            }
        }

        // 4. Part files, counters, dedup entries, operator state, pool, dead letters: one round trip where possible.
        foreach (var part in commit.Parts)
        {
            writes.Add("""
                INSERT INTO parts (run_id, relative_path, dataset, row_count, size_bytes, shard_id, ordinals, commit_id)
                VALUES (@run, @path, @dataset, @rows, @size, @shard, @ordinals, @commit)
                ON CONFLICT (run_id, relative_path) DO NOTHING
                """, affected =>
                {
                    if (affected != 1)
                    {
                        throw new InvalidOperationException(
                            $"Part file {part.RelativePath} of run {commit.Run} is already recorded by an earlier commit; a sink must never reuse a part name.");
                    }
                })
                .Text("run", run).Text("path", part.RelativePath).Text("dataset", part.Dataset).Int("rows", part.Rows)
                .Int("size", part.SizeBytes).Text("shard", part.Shard?.Value).Blob("ordinals", part.Ordinals.ToBytes())
                .Text("commit", commit.Id.Value);
        }

        AddRows(writes, commit.Counters.OrderBy(c => c.Key, StringComparer.Ordinal).ToList(), "counters (run_id, name, value)", "(@run, @n{0}, @v{0})",
            "ON CONFLICT (run_id, name) DO UPDATE SET value = counters.value + excluded.value",
            (arguments, i, counter) => arguments.Text($"n{i}", counter.Key).Int($"v{i}", counter.Value), commit);

        AddRows(writes, commit.Dedup, "dedup (run_id, operator, dedup_key, dedup_value)", "(@run, @o{0}, @k{0}, @v{0})",
            "ON CONFLICT (run_id, operator, dedup_key) DO NOTHING",
            (arguments, i, entry) => arguments.Text($"o{i}", entry.Operator).Text($"k{i}", entry.Entry.Key).Text($"v{i}", entry.Entry.Value), commit);

        AddRows(writes, commit.State.ToList(), "operator_state (run_id, operator, state_key, state_value)", "(@run, @o{0}, @k{0}, @v{0})",
            "ON CONFLICT (run_id, operator, state_key) DO UPDATE SET state_value = excluded.state_value",
            (arguments, i, state) => arguments.Text($"o{i}", state.Key.Operator).Text($"k{i}", state.Key.Key).Text($"v{i}", state.Value), commit);

        var pooled = 0;
        AddRows(writes, commit.Pool, "pool (run_id, seq, kind, instruction, metadata_json, commit_id)", "(@run, @s{0}, @k{0}, @i{0}, @m{0}, @commit)",
            "ON CONFLICT (run_id, seq) DO NOTHING",
            (arguments, i, entry) => arguments.Int($"s{i}", entry.Sequence).Text($"k{i}", EncodePoolKind(entry.Kind)).Text($"i{i}", entry.Instruction)
                .Text($"m{i}", entry.MetadataJson), commit, affected => pooled += affected);

        AddRows(writes, commit.DeadLetters, "dead_letters (run_id, stage, reason, payload_json, location, shard_id, ordinal, created_at, commit_id)",
            $"(@run, @st{{0}}, @r{{0}}, @p{{0}}, @l{{0}}, @sh{{0}}, @o{{0}}, {Now}, @commit)", "",
            (arguments, i, letter) => arguments.Text($"st{i}", letter.Stage).Text($"r{i}", letter.Reason).Text($"p{i}", letter.PayloadJson)
                .Text($"l{i}", letter.Location).Text($"sh{i}", letter.Shard?.Value).Int($"o{i}", letter.Ordinal), commit);

        await writes.ExecuteAsync(scope, ct).ConfigureAwait(false);
        if (pooled != commit.Pool.Count)
        {
            var sequences = string.Join(", ", commit.Pool.Select(p => p.Sequence).Take(10));
            throw new InvalidOperationException(
                $"Run {commit.Run}: a pool sequence among [{sequences}] is already taken (or repeated in the commit); the gate must number pool entries uniquely.");
        }

        return new CommitResult(commit.Id, sequence, AlreadyApplied: false);
    }

    private static async Task<CommitResult?> FindCommitAsync(WriteScope scope, RunCommit commit, CancellationToken ct)
    {
        var reader = await scope.Sql("SELECT seq, run_id FROM commits WHERE commit_id = @id").Text("id", commit.Id.Value)
            .ExecuteReaderAsync(ct).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                return null;
            }

            if (reader.GetString(1) != commit.Run.Value)
            {
                throw new InvalidOperationException($"Commit id {commit.Id} was already used by run {reader.GetString(1)}; commit ids must be unique.");
            }

            return new CommitResult(commit.Id, reader.GetInt64(0), AlreadyApplied: true);
        }
    }

    private async Task CheckFenceAsync(WriteScope scope, LeaseToken fence, CancellationToken ct)
    {
        var reader = await scope.Sql($"SELECT owner, fence, expires_at, {Now} FROM leases WHERE name = @name{ForShare}")
            .Text("name", fence.Name).ExecuteReaderAsync(ct).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                throw new FencedOffException(fence, "no such lease");
            }

            var owner = reader.GetString(0);
            var current = reader.GetInt64(1);
            if (owner != fence.Owner.Value || current != fence.Fence)
            {
                throw new FencedOffException(fence, $"it was taken over by {owner} with fence {current}");
            }

            if (reader.GetInt64(2) <= reader.GetInt64(3))
            {
                throw new FencedOffException(fence, $"it expired or was released at {reader.GetTime(2):O}");
            }
        }
    }

    /// <summary>
    /// Adds multi-row INSERTs in chunks to <paramref name="writes"/>. <paramref name="rowTemplate"/> uses <c>{0}</c> for
    /// the row index; <c>@run</c> and <c>@commit</c> are bound once per chunk (statements that do not use them ignore them).
    /// </summary>
    private static void AddRows<T>(
        SqlBatch writes,
        IReadOnlyList<T> items,
        string target,
        string rowTemplate,
        string suffix,
        Action<SqlArguments, int, T> bind,
        RunCommit commit,
        Action<int>? verify = null)
    {
        for (var offset = 0; offset < items.Count; offset += RowsPerInsert)
        {
            var count = Math.Min(RowsPerInsert, items.Count - offset);
            var text = new StringBuilder("INSERT INTO ").Append(target).Append(" VALUES ");
            for (var i = 0; i < count; i++)
            {
                text.Append(i == 0 ? "" : ", ").Append(string.Format(System.Globalization.CultureInfo.InvariantCulture, rowTemplate, i));
            }

            var arguments = writes.Add(text.Append(' ').Append(suffix).ToString(), verify).Text("run", commit.Run.Value).Text("commit", commit.Id.Value);
            for (var i = 0; i < count; i++)
            {
                bind(arguments, i, items[offset + i]);
            }
        }
    }
}
