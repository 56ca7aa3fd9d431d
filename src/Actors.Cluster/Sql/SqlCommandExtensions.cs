using System.Data;
using System.Data.Common;

namespace Actors.Cluster.Sql;

/// <summary>Terse, typed parameter binding that works the same on Npgsql and Microsoft.Data.Sqlite.</summary>
internal static class SqlCommandExtensions
{
    public static DbCommand Sql(this DbConnection connection, DbTransaction? transaction, string text)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // Every statement is a constant template with dialect fragments; values are always parameters.
        command.CommandText = text;
#pragma warning restore CA2100
        return command;
    }

    public static DbCommand Text(this DbCommand command, string name, string? value) => command.Add(name, value, DbType.String);

    public static DbCommand Int(this DbCommand command, string name, long? value) => command.Add(name, value, DbType.Int64);

    public static DbCommand Blob(this DbCommand command, string name, byte[] value) => command.Add(name, value, DbType.Binary);

    public static async Task<long> ScalarInt64Async(this DbCommand command, CancellationToken cancellationToken)
    {
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string? GetNullableString(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? GetNullableInt64(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static byte[] GetBytes(this DbDataReader reader, int ordinal) => (byte[])reader.GetValue(ordinal);

    public static DateTimeOffset GetTime(this DbDataReader reader, int ordinal) => DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    private static DbCommand Add(this DbCommand command, string name, object? value, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }
}
