using System.Data.Common;

namespace Actors.Cluster.Sql;

/// <summary>Runs and shards.</summary>
internal abstract partial class SqlRunStore
{
    private const string RunColumns = "run_id, recipe, config_json, code_version, state, created_at, updated_at";

    /// <inheritdoc />
    public Task<RunRegistration> CreateRunAsync(RunDefinition run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        return WriteAsync("create a run", async (scope, ct) =>
        {
            var inserted = await scope.Sql($"""
                INSERT INTO runs (run_id, recipe, config_json, config_hash, code_version, state, created_at, updated_at)
                VALUES (@run, @recipe, @config, @hash, @code, 'active', {Now}, {Now})
                ON CONFLICT (run_id) DO NOTHING
                RETURNING run_id
                """)
                .Text("run", run.Id.Value).Text("recipe", run.Recipe).Text("config", run.ConfigJson)
                .Text("hash", run.ConfigHash).Text("code", run.CodeVersion)
                .ExecuteScalarAsync(ct).ConfigureAwait(false);
            var stored = await ReadRunAsync(scope.Connection, scope.Transaction, run.Id, ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Run {run.Id} vanished while it was being registered.");
            var outcome = inserted is not null ? RunRegistrationOutcome.Created
                : stored.Definition.ConfigHash == run.ConfigHash ? RunRegistrationOutcome.AlreadyExists
                : RunRegistrationOutcome.ConfigurationDiffers;
            return new RunRegistration(outcome, stored);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<RunRecord?> GetRunAsync(RunId run, CancellationToken cancellationToken = default) =>
        ReadAsync("read a run", (connection, ct) => ReadRunAsync(connection, null, run, ct), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<RunRecord>> ListRunsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<RunRecord>>("list runs", async (connection, ct) =>
        {
            var runs = new List<RunRecord>();
            var reader = await connection.Sql(null, $"SELECT {RunColumns} FROM runs ORDER BY created_at, run_id").ExecuteReaderAsync(ct).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    runs.Add(ReadRun(reader));
                }
            }

            return runs;
        }, cancellationToken);

    /// <inheritdoc />
    public Task SetRunStateAsync(RunId run, RunState state, CancellationToken cancellationToken = default)
    {
        var encoded = EncodeRunState(state);
        return WriteAsync("set a run's state", async (scope, ct) =>
        {
            var rows = await scope.Sql($"UPDATE runs SET state = @state, updated_at = {Now} WHERE run_id = @run")
                .Text("state", encoded).Text("run", run.Value).ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return rows == 1 ? true : throw UnknownRun(run);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ShardRegistration> RegisterShardsAsync(RunId run, IReadOnlyList<ShardDefinition> shards, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shards);
        foreach (var shard in shards)
        {
            ArgumentNullException.ThrowIfNull(shard);
            ArgumentException.ThrowIfNullOrEmpty(shard.Path);
            ArgumentOutOfRangeException.ThrowIfNegative(shard.SizeBytes);
            if (shard.Singleton is not null)
            {
                IdRules.Validate(shard.Singleton, "singleton name");
            }
        }

        var empty = OrdinalSet.Empty.ToBytes();
        return WriteAsync("register shards", async (scope, ct) =>
        {
            // Locking the run row serializes feeders of the same run, so registration order (seq) has no duplicates.
            var exists = await scope.Sql($"SELECT run_id FROM runs WHERE run_id = @run{ForUpdate}").Text("run", run.Value)
                .ExecuteScalarAsync(ct).ConfigureAwait(false);
            if (exists is null)
            {
                throw UnknownRun(run);
            }

            var seq = await scope.Sql("SELECT COALESCE(MAX(seq), 0) FROM shards WHERE run_id = @run").Text("run", run.Value)
                .ScalarInt64Async(ct).ConfigureAwait(false);
            int added = 0, unchanged = 0;
            var conflicts = new List<ShardId>();
            var insert = scope.Sql("""
                INSERT INTO shards (run_id, shard_id, seq, path, size_bytes, state, done_ordinals, done_count, lease_name)
                VALUES (@run, @shard, @seq, @path, @size, 'pending', @empty, 0, @lease)
                ON CONFLICT (run_id, shard_id) DO NOTHING
                """);
            await using (insert.ConfigureAwait(false))
            {
                foreach (var shard in shards)
                {
                    insert.Parameters.Clear();
                    insert.Text("run", run.Value).Text("shard", shard.Id.Value).Int("seq", seq + 1).Text("path", shard.Path)
                        .Int("size", shard.SizeBytes).Blob("empty", empty).Text("lease", shard.Singleton is { } singleton ? LeaseNames.ForSingleton(singleton) : LeaseNames.ForShard(run, shard.Id));
                    if (await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1)
                    {
                        added++;
                        seq++;
                        continue;
                    }

                    var reader = await scope.Sql("SELECT path, size_bytes FROM shards WHERE run_id = @run AND shard_id = @shard")
                        .Text("run", run.Value).Text("shard", shard.Id.Value).ExecuteReaderAsync(ct).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        await reader.ReadAsync(ct).ConfigureAwait(false);
                        if (reader.GetString(0) == shard.Path && reader.GetInt64(1) == shard.SizeBytes)
                        {
                            unchanged++;
                        }
                        else
                        {
                            conflicts.Add(shard.Id);
                        }
                    }
                }
            }

            return new ShardRegistration(added, unchanged, conflicts);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ShardProgress>> ListShardsAsync(RunId run, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<ShardProgress>>("list shards", async (connection, ct) =>
        {
            var shards = new List<ShardProgress>();
            var reader = await connection.Sql(null, $"""
                SELECT s.shard_id, s.path, s.size_bytes, s.state, s.done_count, s.total_records, s.failure,
                       (SELECT COUNT(*) FROM parts p WHERE p.run_id = s.run_id AND p.shard_id = s.shard_id),
                       (SELECT CAST(COALESCE(SUM(p.row_count), 0) AS BIGINT) FROM parts p WHERE p.run_id = s.run_id AND p.shard_id = s.shard_id),
                       l.owner, l.expires_at
                FROM shards s
                LEFT JOIN leases l ON l.name = s.lease_name AND l.expires_at > {Now}
                WHERE s.run_id = @run
                ORDER BY s.seq
                """).Text("run", run.Value).ExecuteReaderAsync(ct).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    var owner = reader.GetNullableString(9);
                    shards.Add(new ShardProgress(
                        new ShardId(reader.GetString(0)),
                        reader.GetString(1),
                        reader.GetInt64(2),
                        DecodeShardState(reader.GetString(3)),
                        reader.GetInt64(4),
                        reader.GetNullableInt64(5),
                        reader.GetInt64(7),
                        reader.GetInt64(8),
                        owner is null ? null : new NodeId(owner),
                        owner is null ? null : reader.GetTime(10),
                        reader.GetNullableString(6)));
                }
            }

            return shards;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<OrdinalSet> GetCommittedOrdinalsAsync(RunId run, ShardId shard, CancellationToken cancellationToken = default) =>
        ReadAsync("read committed ordinals", async (connection, ct) =>
        {
            var value = await connection.Sql(null, "SELECT done_ordinals FROM shards WHERE run_id = @run AND shard_id = @shard")
                .Text("run", run.Value).Text("shard", shard.Value).ExecuteScalarAsync(ct).ConfigureAwait(false);
            return value is byte[] bytes ? OrdinalSet.FromBytes(bytes) : throw UnknownShard(run, shard);
        }, cancellationToken);

    protected static InvalidOperationException UnknownRun(RunId run) =>
        new($"Run {run} is not registered in the store; create it with CreateRunAsync first.");

    protected static InvalidOperationException UnknownShard(RunId run, ShardId shard) =>
        new($"Shard {shard} is not registered with run {run}; register it with RegisterShardsAsync first.");

    private async Task<RunRecord?> ReadRunAsync(DbConnection connection, DbTransaction? transaction, RunId run, CancellationToken cancellationToken)
    {
        var reader = await connection.Sql(transaction, $"SELECT {RunColumns} FROM runs WHERE run_id = @run").Text("run", run.Value)
            .ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadRun(reader) : null;
        }
    }

    private static RunRecord ReadRun(DbDataReader reader) => new(
        new RunDefinition(new RunId(reader.GetString(0)), reader.GetString(1), reader.GetString(2), reader.GetString(3)),
        DecodeRunState(reader.GetString(4)),
        reader.GetTime(5),
        reader.GetTime(6));
}
