namespace Actors.Cluster.Sql;

/// <summary>Reading committed state back, and the response cache.</summary>
internal abstract partial class SqlRunStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<CommittedPart>> ListPartsAsync(RunId run, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<CommittedPart>>("list part files", async (connection, ct) =>
        {
            var parts = new List<CommittedPart>();
            var reader = await connection.Sql(null, """
                SELECT p.relative_path, p.dataset, p.row_count, p.size_bytes, p.shard_id, p.ordinals, p.commit_id, c.seq, c.committed_at
                FROM parts p JOIN commits c ON c.commit_id = p.commit_id
                WHERE p.run_id = @run
                ORDER BY c.seq, p.relative_path
                """).Text("run", run.Value).ExecuteReaderAsync(ct).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    var shard = reader.GetNullableString(4);
                    var part = new PartFile(reader.GetString(1), reader.GetString(0), reader.GetInt64(2), shard is null ? null : new ShardId(shard),
                        OrdinalSet.FromBytes(reader.GetBytes(5)))
                    {
                        SizeBytes = reader.GetNullableInt64(3),
                    };
                    parts.Add(new CommittedPart(part, new CommitId(reader.GetString(6)), reader.GetInt64(7), reader.GetTime(8)));
                }
            }

            return parts;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, long>> GetCountersAsync(RunId run, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyDictionary<string, long>>("read counters", async (connection, ct) =>
        {
            var counters = new Dictionary<string, long>(StringComparer.Ordinal);
            var reader = await connection.Sql(null, "SELECT name, value FROM counters WHERE run_id = @run").Text("run", run.Value)
                .ExecuteReaderAsync(ct).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    counters[reader.GetString(0)] = reader.GetInt64(1);
                }
            }

            return counters;
        }, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<PoolEntry> ReadPoolAsync(RunId run, CancellationToken cancellationToken = default) =>
        PagesAsync("read the pool", async (connection, after, limit, ct) =>
        {
            var page = new List<(long, PoolEntry)>();
            var reader = await connection.Sql(null, """
                SELECT seq, kind, instruction, metadata_json FROM pool
                WHERE run_id = @run AND seq > @after ORDER BY seq LIMIT @limit
                """).Text("run", run.Value).Int("after", after).Int("limit", limit).ExecuteReaderAsync(ct).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    var seq = reader.GetInt64(0);
                    page.Add((seq, new PoolEntry(seq, DecodePoolKind(reader.GetString(1)), reader.GetString(2), reader.GetString(3))));
                }
            }

            return page;
        }, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<DedupEntry> ReadDedupEntriesAsync(RunId run, string operatorName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(operatorName);
        return PagesAsync("read dedup entries", async (connection, after, limit, ct) =>
        {
            var page = new List<(long, DedupEntry)>();
            var reader = await connection.Sql(null, """
                SELECT id, dedup_key, dedup_value FROM dedup
                WHERE run_id = @run AND operator = @operator AND id > @after ORDER BY id LIMIT @limit
                """).Text("run", run.Value).Text("operator", operatorName).Int("after", after).Int("limit", limit)
                .ExecuteReaderAsync(ct).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    page.Add((reader.GetInt64(0), new DedupEntry(reader.GetString(1), reader.GetNullableString(2))));
                }
            }

            return page;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlySet<string>> FindDedupKeysAsync(RunId run, string operatorName, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(operatorName);
        ArgumentNullException.ThrowIfNull(keys);
        return ReadAsync<IReadOnlySet<string>>("find dedup keys", async (connection, ct) =>
        {
            var found = new HashSet<string>(StringComparer.Ordinal);
            foreach (var chunk in Chunks(keys))
            {
                var command = connection.Sql(null, "").Text("run", run.Value).Text("operator", operatorName);
                await using (command.ConfigureAwait(false))
                {
                    command.CommandText = $"SELECT dedup_key FROM dedup WHERE run_id = @run AND operator = @operator AND dedup_key IN ({BindList(command, "k", chunk)})";
                    var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        while (await reader.ReadAsync(ct).ConfigureAwait(false))
                        {
                            found.Add(reader.GetString(0));
                        }
                    }
                }
            }

            return found;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, string>> GetOperatorStateAsync(RunId run, string operatorName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(operatorName);
        return ReadAsync<IReadOnlyDictionary<string, string>>("read operator state", async (connection, ct) =>
        {
            var state = new Dictionary<string, string>(StringComparer.Ordinal);
            var reader = await connection.Sql(null, "SELECT state_key, state_value FROM operator_state WHERE run_id = @run AND operator = @operator")
                .Text("run", run.Value).Text("operator", operatorName).ExecuteReaderAsync(ct).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    state[reader.GetString(0)] = reader.GetString(1);
                }
            }

            return state;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<DeadLetterRecord> ReadDeadLettersAsync(RunId run, CancellationToken cancellationToken = default) =>
        PagesAsync("read dead letters", async (connection, after, limit, ct) =>
        {
            var page = new List<(long, DeadLetterRecord)>();
            var reader = await connection.Sql(null, """
                SELECT id, stage, reason, payload_json, location, shard_id, ordinal, created_at FROM dead_letters
                WHERE run_id = @run AND id > @after ORDER BY id LIMIT @limit
                """).Text("run", run.Value).Int("after", after).Int("limit", limit).ExecuteReaderAsync(ct).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    var id = reader.GetInt64(0);
                    var shard = reader.GetNullableString(5);
                    var letter = new DeadLetter(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4))
                    {
                        Shard = shard is null ? null : new ShardId(shard),
                        Ordinal = reader.GetNullableInt64(6),
                    };
                    page.Add((id, new DeadLetterRecord(id, letter, reader.GetTime(7))));
                }
            }

            return page;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<long> CountDeadLettersAsync(RunId run, CancellationToken cancellationToken = default) =>
        ReadAsync("count dead letters", (connection, ct) =>
            connection.Sql(null, "SELECT COUNT(*) FROM dead_letters WHERE run_id = @run").Text("run", run.Value).ScalarInt64Async(ct),
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, CachedResponse>> GetCachedResponsesAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return ReadAsync<IReadOnlyDictionary<string, CachedResponse>>("read the response cache", async (connection, ct) =>
        {
            var found = new Dictionary<string, CachedResponse>(StringComparer.Ordinal);
            foreach (var chunk in Chunks(keys))
            {
                var command = connection.Sql(null, "");
                await using (command.ConfigureAwait(false))
                {
                    command.CommandText = $"SELECT cache_key, model, completion_json, created_at FROM response_cache WHERE cache_key IN ({BindList(command, "k", chunk)})";
                    var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        while (await reader.ReadAsync(ct).ConfigureAwait(false))
                        {
                            var key = reader.GetString(0);
                            found[key] = new CachedResponse(key, reader.GetString(1), reader.GetString(2)) { CreatedAt = reader.GetTime(3) };
                        }
                    }
                }
            }

            return found;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task PutCachedResponsesAsync(IReadOnlyCollection<CachedResponse> responses, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(responses);
        var items = responses.ToList();
        foreach (var response in items)
        {
            ArgumentNullException.ThrowIfNull(response);
            ArgumentNullException.ThrowIfNull(response.Key);
            ArgumentNullException.ThrowIfNull(response.Model);
            ArgumentNullException.ThrowIfNull(response.CompletionJson);
        }

        if (items.Count == 0)
        {
            return Task.CompletedTask;
        }

        return WriteAsync("write the response cache", async (scope, ct) =>
        {
            var writes = new SqlBatch();
            foreach (var chunk in items.Chunk(RowsPerInsert))
            {
                var text = string.Join(", ", chunk.Select((_, i) => $"(@k{i}, @m{i}, @c{i}, {Now})"));
                var arguments = writes.Add($"INSERT INTO response_cache (cache_key, model, completion_json, created_at) VALUES {text} ON CONFLICT (cache_key) DO NOTHING");
                for (var i = 0; i < chunk.Length; i++)
                {
                    arguments.Text($"k{i}", chunk[i].Key).Text($"m{i}", chunk[i].Model).Text($"c{i}", chunk[i].CompletionJson);
                }
            }

            await writes.ExecuteAsync(scope, ct).ConfigureAwait(false);
            return writes.Count;
        }, cancellationToken);
    }
}
