using System.Data.Common;

namespace Actors.Cluster.Sql;

/// <summary>An open connection with a write transaction, plus whatever the dialect must release afterwards.</summary>
internal sealed class WriteScope(DbConnection connection, DbTransaction transaction, IDisposable? release) : IAsyncDisposable
{
    public DbConnection Connection { get; } = connection;

    public DbTransaction Transaction { get; } = transaction;

    public DbCommand Sql(string text) => Connection.Sql(Transaction, text);

    /// <summary>Rolls back unless committed, closes the connection, then releases the writer slot.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Transaction.DisposeAsync().ConfigureAwait(false);
            await Connection.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            release?.Dispose();
        }
    }
}
