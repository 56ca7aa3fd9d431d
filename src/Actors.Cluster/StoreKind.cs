namespace Actors.Cluster;

/// <summary>Which database holds the run store.</summary>
public enum StoreKind
{
    /// <summary>An embedded SQLite file: one node, no server (the default).</summary>
    Sqlite,

    /// <summary>A PostgreSQL database shared by the nodes of a cluster.</summary>
    Postgres,
}
