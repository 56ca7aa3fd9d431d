using System.Data;
using System.Data.Common;

namespace Actors.Cluster.Sql;

/// <summary>Typed parameter values collected before there is a command (or batch command) to bind them to.</summary>
internal sealed class SqlArguments
{
    private readonly List<(string Name, object? Value, DbType Type)> _values = [];

    public SqlArguments Text(string name, string? value) => Add(name, value, DbType.String);

    public SqlArguments Int(string name, long? value) => Add(name, value, DbType.Int64);

    public SqlArguments Blob(string name, byte[] value) => Add(name, value, DbType.Binary);

    public void BindTo(DbParameterCollection parameters, Func<DbParameter> create)
    {
        foreach (var (name, value, type) in _values)
        {
            var parameter = create();
            parameter.ParameterName = name;
            parameter.DbType = type;
            parameter.Value = value ?? DBNull.Value;
            parameters.Add(parameter);
        }
    }

    private SqlArguments Add(string name, object? value, DbType type)
    {
        _values.Add((name, value, type));
        return this;
    }
}
