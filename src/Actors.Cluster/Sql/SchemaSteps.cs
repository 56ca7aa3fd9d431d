namespace Actors.Cluster.Sql;

/// <summary>
/// The schema, once, in SQLite's STRICT dialect; PostgreSQL gets it through <see cref="ForPostgres"/> so the two
/// cannot drift. Add a step for every change (never edit a shipped one): nodes migrate themselves on start.
/// </summary>
/// <remarks>Times are BIGINT milliseconds since the Unix epoch, taken from the database clock.</remarks>
internal static class SchemaSteps
{
    public static IReadOnlyList<Migration> ForSqlite { get; } =
    [
        new(1, "runs, shards, leases, commits, parts, counters, pool, dedup, operator state, dead letters, response cache, nodes, node metrics",
        [
            """
            CREATE TABLE runs (
              run_id TEXT PRIMARY KEY, recipe TEXT NOT NULL, config_json TEXT NOT NULL, config_hash TEXT NOT NULL,
              code_version TEXT NOT NULL, state TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL) STRICT
            """,
            """
            CREATE TABLE shards (
              run_id TEXT NOT NULL REFERENCES runs (run_id), shard_id TEXT NOT NULL, seq INTEGER NOT NULL, path TEXT NOT NULL,
              size_bytes INTEGER NOT NULL, state TEXT NOT NULL, total_records INTEGER, failure TEXT,
              done_ordinals BLOB NOT NULL, done_count INTEGER NOT NULL, lease_name TEXT NOT NULL UNIQUE,
              PRIMARY KEY (run_id, shard_id)) STRICT
            """,
            "CREATE INDEX shards_in_order ON shards (run_id, seq)",
            """
            CREATE TABLE leases (
              name TEXT PRIMARY KEY, owner TEXT NOT NULL, fence INTEGER NOT NULL, expires_at INTEGER NOT NULL,
              acquired_at INTEGER NOT NULL, renewed_at INTEGER NOT NULL) STRICT
            """,
            "CREATE INDEX leases_by_owner ON leases (owner)",
            """
            CREATE TABLE commits (
              seq INTEGER PRIMARY KEY AUTOINCREMENT, commit_id TEXT NOT NULL UNIQUE, run_id TEXT NOT NULL REFERENCES runs (run_id),
              committed_at INTEGER NOT NULL) STRICT
            """,
            """
            CREATE TABLE parts (
              run_id TEXT NOT NULL REFERENCES runs (run_id), relative_path TEXT NOT NULL, dataset TEXT NOT NULL,
              row_count INTEGER NOT NULL, size_bytes INTEGER, shard_id TEXT, ordinals BLOB NOT NULL,
              commit_id TEXT NOT NULL REFERENCES commits (commit_id), PRIMARY KEY (run_id, relative_path)) STRICT
            """,
            "CREATE INDEX parts_by_shard ON parts (run_id, shard_id)",
            """
            CREATE TABLE counters (
              run_id TEXT NOT NULL REFERENCES runs (run_id), name TEXT NOT NULL, value INTEGER NOT NULL,
              PRIMARY KEY (run_id, name)) STRICT
            """,
            """
            CREATE TABLE pool (
              run_id TEXT NOT NULL REFERENCES runs (run_id), seq INTEGER NOT NULL, kind TEXT NOT NULL, instruction TEXT NOT NULL,
              metadata_json TEXT NOT NULL, commit_id TEXT NOT NULL, PRIMARY KEY (run_id, seq)) STRICT
            """,
            """
            CREATE TABLE dedup (
              id INTEGER PRIMARY KEY AUTOINCREMENT, run_id TEXT NOT NULL REFERENCES runs (run_id), operator TEXT NOT NULL,
              dedup_key TEXT NOT NULL, dedup_value TEXT, UNIQUE (run_id, operator, dedup_key)) STRICT
            """,
            "CREATE INDEX dedup_in_order ON dedup (run_id, operator, id)",
            """
            CREATE TABLE operator_state (
              run_id TEXT NOT NULL REFERENCES runs (run_id), operator TEXT NOT NULL, state_key TEXT NOT NULL,
              state_value TEXT NOT NULL, PRIMARY KEY (run_id, operator, state_key)) STRICT
            """,
            """
            CREATE TABLE dead_letters (
              id INTEGER PRIMARY KEY AUTOINCREMENT, run_id TEXT NOT NULL REFERENCES runs (run_id), stage TEXT NOT NULL,
              reason TEXT NOT NULL, payload_json TEXT NOT NULL, location TEXT NOT NULL, shard_id TEXT, ordinal INTEGER,
              created_at INTEGER NOT NULL, commit_id TEXT NOT NULL) STRICT
            """,
            "CREATE INDEX dead_letters_in_order ON dead_letters (run_id, id)",
            """
            CREATE TABLE response_cache (
              cache_key TEXT PRIMARY KEY, model TEXT NOT NULL, completion_json TEXT NOT NULL, created_at INTEGER NOT NULL) STRICT
            """,
            """
            CREATE TABLE nodes (
              node_id TEXT PRIMARY KEY, roles TEXT NOT NULL, devices_json TEXT NOT NULL, registered_at INTEGER NOT NULL,
              last_heartbeat INTEGER NOT NULL, left_at INTEGER) STRICT
            """,
            """
            CREATE TABLE node_metrics (
              id INTEGER PRIMARY KEY AUTOINCREMENT, node_id TEXT NOT NULL, taken_at INTEGER NOT NULL, snapshot_json TEXT NOT NULL) STRICT
            """,
            "CREATE INDEX node_metrics_by_node ON node_metrics (node_id, id)",
        ]),
    ];

    public static IReadOnlyList<Migration> ForPostgres { get; } =
        [.. ForSqlite.Select(m => m with { Statements = [.. m.Statements.Select(ToPostgres)] })];

    private static string ToPostgres(string statement) => statement
        .Replace("INTEGER PRIMARY KEY AUTOINCREMENT", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", StringComparison.Ordinal)
        .Replace(" INTEGER", " BIGINT", StringComparison.Ordinal)
        .Replace(" BLOB", " BYTEA", StringComparison.Ordinal)
        .Replace(") STRICT", ")", StringComparison.Ordinal);
}
