using System.Data.Common;

namespace Actors.Cluster.Sql;

/// <summary>Membership, shard leases with fencing, singletons and node metrics.</summary>
internal abstract partial class SqlRunStore
{
    private const string WorkerRole = "worker";

    /// <inheritdoc />
    public Task RegisterNodeAsync(NodeId node, IReadOnlyList<string> roles, string devicesJson, CancellationToken cancellationToken = default)
    {
        var encodedRoles = EncodeRoles(roles);
        ArgumentNullException.ThrowIfNull(devicesJson);
        return WriteAsync("register a node", async (scope, ct) =>
        {
            await scope.Sql($"""
                INSERT INTO nodes (node_id, roles, devices_json, registered_at, last_heartbeat, left_at)
                VALUES (@node, @roles, @devices, {Now}, {Now}, NULL)
                ON CONFLICT (node_id) DO UPDATE SET roles = excluded.roles, devices_json = excluded.devices_json,
                    registered_at = excluded.registered_at, last_heartbeat = excluded.last_heartbeat, left_at = NULL
                """).Text("node", node.Value).Text("roles", encodedRoles).Text("devices", devicesJson).ExecuteNonQueryAsync(ct).ConfigureAwait(false);

            // A node registers once per process start: leases under its id belong to a previous incarnation that can
            // no longer be doing the work, so free them now instead of waiting for them to expire.
            return await ReleaseAllAsync(scope, node, ct).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> HeartbeatAsync(NodeId node, CancellationToken cancellationToken = default) =>
        WriteAsync("record a heartbeat", async (scope, ct) =>
            await scope.Sql($"UPDATE nodes SET last_heartbeat = {Now} WHERE node_id = @node AND left_at IS NULL")
                .Text("node", node.Value).ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1,
            cancellationToken);

    /// <inheritdoc />
    public Task LeaveAsync(NodeId node, CancellationToken cancellationToken = default) =>
        WriteAsync("leave the cluster", async (scope, ct) =>
        {
            await scope.Sql($"UPDATE nodes SET left_at = {Now} WHERE node_id = @node").Text("node", node.Value)
                .ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return await ReleaseAllAsync(scope, node, ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<NodeInfo>> ListNodesAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<NodeInfo>>("list nodes", async (connection, ct) =>
        {
            var nodes = new List<NodeInfo>();
            var reader = await connection.Sql(null, $"SELECT node_id, roles, devices_json, registered_at, last_heartbeat, left_at, {Now} FROM nodes ORDER BY node_id")
                .ExecuteReaderAsync(ct).ConfigureAwait(false);
            var timeout = Milliseconds(Cluster.NodeTimeout);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    var heartbeat = reader.GetInt64(4);
                    var status = !reader.IsDBNull(5) ? NodeStatus.Left
                        : heartbeat > reader.GetInt64(6) - timeout ? NodeStatus.Alive
                        : NodeStatus.Dead;
                    nodes.Add(new NodeInfo(new NodeId(reader.GetString(0)), DecodeRoles(reader.GetString(1)), reader.GetString(2), status,
                        reader.GetTime(3), DateTimeOffset.FromUnixTimeMilliseconds(heartbeat)));
                }
            }

            return nodes;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ShardLease>> AcquireShardsAsync(NodeId node, RunId run, int maxHeld, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxHeld);
        return WriteAsync<IReadOnlyList<ShardLease>>("acquire shards", async (scope, ct) =>
        {
            var take = await FairShareAsync(scope, node, run, maxHeld, ct).ConfigureAwait(false);
            if (take <= 0)
            {
                return [];
            }

            // A candidate can turn out to be taken by a node whose transaction committed after this statement's
            // snapshot (its lease upsert then finds a live lease and returns nothing); look again with a fresh
            // snapshot until the share is reached or nothing is left.
            var leases = new List<ShardLease>();
            for (var round = 0; round < 8 && leases.Count < take; round++)
            {
                var candidates = await FindCandidatesAsync(scope, run, take - leases.Count, ct).ConfigureAwait(false);
                if (candidates.Count == 0)
                {
                    break;
                }

                foreach (var candidate in candidates)
                {
                    if (await TakeLeaseAsync(scope, candidate.Lease, node, ct).ConfigureAwait(false) is { } token)
                    {
                        leases.Add(new ShardLease(run, candidate.Shard, candidate.Path, candidate.Size, token));
                    }
                }
            }

            StoreInstruments.LeasesAcquired.Add(leases.Count, new KeyValuePair<string, object?>("kind", "shard"));
            return leases;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<LeaseToken?> AcquireSingletonAsync(string name, NodeId node, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var lease = LeaseNames.ForSingleton(name);
        return WriteAsync("acquire a singleton", async (scope, ct) =>
        {
            var reader = await scope.Sql($"SELECT owner, fence, expires_at, {Now} FROM leases WHERE name = @name{ForUpdate}")
                .Text("name", lease).ExecuteReaderAsync(ct).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                if (await reader.ReadAsync(ct).ConfigureAwait(false) && reader.GetInt64(2) > reader.GetInt64(3))
                {
                    // Live: ours (an idempotent retry, extend it) or someone else's.
                    var token = new LeaseToken(lease, node, reader.GetInt64(1));
                    var ours = reader.GetString(0) == node.Value;
                    reader.Close();
                    return ours && await ExtendAsync(scope, token, ct).ConfigureAwait(false) ? token : (LeaseToken?)null;
                }
            }

            var taken = await TakeLeaseAsync(scope, lease, node, ct).ConfigureAwait(false);
            if (taken is not null)
            {
                StoreInstruments.LeasesAcquired.Add(1, new KeyValuePair<string, object?>("kind", "singleton"));
            }

            return taken;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RenewAsync(LeaseToken lease, CancellationToken cancellationToken = default) =>
        WriteAsync("renew a lease", (scope, ct) => ExtendAsync(scope, lease, ct), cancellationToken);

    /// <inheritdoc />
    public Task<bool> ReleaseAsync(LeaseToken lease, CancellationToken cancellationToken = default) =>
        WriteAsync("release a lease", async (scope, ct) =>
            await scope.Sql($"""
                UPDATE leases SET expires_at = {Now}
                WHERE name = @name AND owner = @owner AND fence = @fence AND expires_at > {Now}
                """).Text("name", lease.Name).Text("owner", lease.Owner.Value).Int("fence", lease.Fence)
                .ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1,
            cancellationToken);

    /// <inheritdoc />
    public Task RecordNodeMetricsAsync(NodeId node, string snapshotJson, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshotJson);
        return WriteAsync("record node metrics", (scope, ct) =>
            scope.Sql($"INSERT INTO node_metrics (node_id, taken_at, snapshot_json) VALUES (@node, {Now}, @json)")
                .Text("node", node.Value).Text("json", snapshotJson).ExecuteNonQueryAsync(ct), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<NodeMetricsSnapshot>> GetLatestNodeMetricsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<NodeMetricsSnapshot>>("read node metrics", async (connection, ct) =>
        {
            var snapshots = new List<NodeMetricsSnapshot>();
            var reader = await connection.Sql(null, """
                SELECT m.node_id, m.taken_at, m.snapshot_json
                FROM node_metrics m JOIN (SELECT node_id, MAX(id) AS id FROM node_metrics GROUP BY node_id) latest ON latest.id = m.id
                ORDER BY m.node_id
                """).ExecuteReaderAsync(ct).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    snapshots.Add(new NodeMetricsSnapshot(new NodeId(reader.GetString(0)), reader.GetTime(1), reader.GetString(2)));
                }
            }

            return snapshots;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<long> PruneNodeMetricsAsync(TimeSpan age, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(age, TimeSpan.Zero);
        return WriteAsync("prune node metrics", async (scope, ct) =>
            (long)await scope.Sql($"DELETE FROM node_metrics WHERE taken_at < {Now} - @age").Int("age", Milliseconds(age))
                .ExecuteNonQueryAsync(ct).ConfigureAwait(false),
            cancellationToken);
    }

    /// <summary>
    /// How many shards of <paramref name="run"/> the node may take now: up to its fair share
    /// <c>ceil(pending / live workers)</c> of the run and up to <paramref name="maxHeld"/> leases over all runs.
    /// </summary>
    private async Task<long> FairShareAsync(WriteScope scope, NodeId node, RunId run, int maxHeld, CancellationToken ct)
    {
        var reader = await scope.Sql($"""
            SELECT
              (SELECT COUNT(*) FROM nodes
                 WHERE left_at IS NULL AND last_heartbeat > {Now} - @timeout AND roles LIKE @worker AND node_id <> @node),
              (SELECT COUNT(*) FROM shards WHERE run_id = @run AND state = 'pending'),
              (SELECT COUNT(*) FROM shards s JOIN leases l ON l.name = s.lease_name
                 WHERE s.run_id = @run AND s.state = 'pending' AND l.owner = @node AND l.expires_at > {Now}),
              (SELECT COUNT(*) FROM leases WHERE owner = @node AND expires_at > {Now} AND name LIKE @shardPrefix)
            """)
            .Int("timeout", Milliseconds(Cluster.NodeTimeout)).Text("worker", $"%,{WorkerRole},%").Text("node", node.Value)
            .Text("run", run.Value).Text("shardPrefix", LeaseNames.ShardPrefix + "%")
            .ExecuteReaderAsync(ct).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            await reader.ReadAsync(ct).ConfigureAwait(false);
            var workers = reader.GetInt64(0) + 1;
            var pending = reader.GetInt64(1);
            var heldInRun = reader.GetInt64(2);
            var heldTotal = reader.GetInt64(3);
            var share = (pending + workers - 1) / workers;
            return Math.Min(maxHeld - heldTotal, share - heldInRun);
        }
    }

    /// <summary>Pending shards of the run with no live lease, in registration order, skipping rows others are taking.</summary>
    private async Task<List<(ShardId Shard, string Path, long Size, string Lease)>> FindCandidatesAsync(WriteScope scope, RunId run, long limit, CancellationToken ct)
    {
        var candidates = new List<(ShardId Shard, string Path, long Size, string Lease)>();
        var reader = await scope.Sql($"""
            SELECT s.shard_id, s.path, s.size_bytes, s.lease_name
            FROM shards s LEFT JOIN leases l ON l.name = s.lease_name
            WHERE s.run_id = @run AND s.state = 'pending' AND (l.name IS NULL OR l.expires_at <= {Now})
            ORDER BY s.seq
            LIMIT @take{ForUpdateSkipLockedShards}
            """).Text("run", run.Value).Int("take", limit).ExecuteReaderAsync(ct).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                candidates.Add((new ShardId(reader.GetString(0)), reader.GetString(1), reader.GetInt64(2), reader.GetString(3)));
            }
        }

        return candidates;
    }

    /// <summary>Takes a free or expired lease, bumping its fence; null when it is live (someone else holds it).</summary>
    private async Task<LeaseToken?> TakeLeaseAsync(WriteScope scope, string name, NodeId node, CancellationToken ct)
    {
        var fence = await scope.Sql($"""
            INSERT INTO leases (name, owner, fence, expires_at, acquired_at, renewed_at)
            VALUES (@name, @node, 1, {Now} + @ttl, {Now}, {Now})
            ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, fence = leases.fence + 1, expires_at = excluded.expires_at,
                acquired_at = excluded.acquired_at, renewed_at = excluded.renewed_at
            WHERE leases.expires_at <= {Now}
            RETURNING fence
            """).Text("name", name).Text("node", node.Value).Int("ttl", Milliseconds(Cluster.LeaseTtl))
            .ExecuteScalarAsync(ct).ConfigureAwait(false);
        return fence is null ? null : new LeaseToken(name, node, Convert.ToInt64(fence, System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task<bool> ExtendAsync(WriteScope scope, LeaseToken lease, CancellationToken ct) =>
        await scope.Sql($"""
            UPDATE leases SET expires_at = {Now} + @ttl, renewed_at = {Now}
            WHERE name = @name AND owner = @owner AND fence = @fence AND expires_at > {Now}
            """).Int("ttl", Milliseconds(Cluster.LeaseTtl)).Text("name", lease.Name).Text("owner", lease.Owner.Value).Int("fence", lease.Fence)
            .ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;

    private async Task<int> ReleaseAllAsync(WriteScope scope, NodeId node, CancellationToken ct) =>
        await scope.Sql($"UPDATE leases SET expires_at = {Now} WHERE owner = @node AND expires_at > {Now}")
            .Text("node", node.Value).ExecuteNonQueryAsync(ct).ConfigureAwait(false);

    /// <summary>Roles as <c>,worker,gate,</c> so that one LIKE finds a role in SQL on both databases.</summary>
    private static string EncodeRoles(IReadOnlyList<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        foreach (var role in roles)
        {
            if (string.IsNullOrWhiteSpace(role) || role.Contains(',', StringComparison.Ordinal))
            {
                throw new ArgumentException($"Role \"{role}\" must be a non-empty name without ','.", nameof(roles));
            }
        }

        return "," + string.Join(",", roles) + ",";
    }

    private static IReadOnlyList<string> DecodeRoles(string roles) => roles.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
