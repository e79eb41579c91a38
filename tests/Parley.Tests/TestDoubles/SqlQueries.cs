using Parley.Environments;
using Parley.Tools;

namespace Parley.Tests.TestDoubles;

/// <summary>Reads values straight from a database copy, to find real rows to call tools with and to check effects.</summary>
public static class SqlQueries
{
    public static object? ReadScalar(SqliteSandbox database, string sql)
    {
        using var command = database.Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = database.Scope;
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    public static long ReadLong(SqliteSandbox database, string sql) => Convert.ToInt64(ReadScalar(database, sql), System.Globalization.CultureInfo.InvariantCulture);

    public static string ReadText(SqliteSandbox database, string sql) => Convert.ToString(ReadScalar(database, sql), System.Globalization.CultureInfo.InvariantCulture)!;
}
