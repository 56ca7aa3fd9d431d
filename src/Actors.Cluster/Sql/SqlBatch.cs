using System.Data;
using System.Data.Common;

namespace Actors.Cluster.Sql;

/// <summary>
/// Writes of one transaction whose results are only checked, not read: sent in one round trip where the provider
/// supports ADO.NET batches (Npgsql), one by one otherwise (SQLite, where a statement is a function call anyway).
/// Each write may check how many rows it affected; a failed check throws and the transaction rolls back.
/// </summary>
internal sealed class SqlBatch
{
    private readonly List<(string Text, SqlArguments Arguments, Action<int>? Verify)> _writes = [];

    public int Count => _writes.Count;

    public SqlArguments Add(string text, Action<int>? verify = null)
    {
        var arguments = new SqlArguments();
        _writes.Add((text, arguments, verify));
        return arguments;
    }

    public async Task ExecuteAsync(WriteScope scope, CancellationToken cancellationToken)
    {
        if (_writes.Count == 0)
        {
            return;
        }

        if (scope.Connection.CanCreateBatch)
        {
            var batch = scope.Connection.CreateBatch();
            await using (batch.ConfigureAwait(false))
            {
                batch.Transaction = scope.Transaction;
                foreach (var (text, arguments, _) in _writes)
                {
                    var command = batch.CreateBatchCommand();
#pragma warning disable CA2100 // Constant templates with dialect fragments; every value is a parameter.
                    command.CommandText = text;
#pragma warning restore CA2100
                    arguments.BindTo(command.Parameters, command.CreateParameter);
                    batch.BatchCommands.Add(command);
                }

                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < _writes.Count; i++)
                {
                    _writes[i].Verify?.Invoke(batch.BatchCommands[i].RecordsAffected);
                }
            }

            return;
        }

        foreach (var (text, arguments, verify) in _writes)
        {
            var command = scope.Sql(text);
            await using (command.ConfigureAwait(false))
            {
                arguments.BindTo(command.Parameters, command.CreateParameter);
                var affected = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                verify?.Invoke(affected);
            }
        }
    }
}
