using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Parley.Environments;

/// <summary>
/// Canonical hashes of a database's mutable tables: rows sorted by every column, values typed, SHA-256.
/// Two databases with the same rows hash the same whatever order their rows were written in.
/// </summary>
/// <remarks>Immutable and thread-safe; the queries are built once per environment.</remarks>
public sealed class StateHasher
{
    private readonly (string Table, string Sql)[] _queries;

    /// <summary>Prepares the canonical queries for the given tables and their column counts.</summary>
    public StateHasher(IReadOnlyList<(string Table, int Columns)> tables)
    {
        _queries = [.. tables.OrderBy(t => t.Table, StringComparer.Ordinal).Select(t =>
            (t.Table, $"SELECT * FROM \"{t.Table}\" ORDER BY {string.Join(", ", Enumerable.Range(1, t.Columns))}"))];
    }

    /// <summary>The tables hashed.</summary>
    public IEnumerable<string> Tables => _queries.Select(q => q.Table);

    /// <summary>Hashes the tables of <paramref name="connection"/> into one hex digest.</summary>
    public string Hash(SqliteConnection connection)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> number = stackalloc byte[9];
        foreach (var (table, sql) in _queries)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(table));
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (reader.IsDBNull(i))
                    {
                        sha.AppendData([4]);
                        continue;
                    }
                    switch (reader.GetFieldType(i).Name)
                    {
                        case nameof(Int64):
                            number[0] = 1;
                            BitConverter.TryWriteBytes(number[1..], reader.GetInt64(i));
                            sha.AppendData(number);
                            break;
                        case nameof(Double):
                            number[0] = 2;
                            BitConverter.TryWriteBytes(number[1..], reader.GetDouble(i));
                            sha.AppendData(number);
                            break;
                        case nameof(String):
                            sha.AppendData([3]);
                            sha.AppendData(Encoding.UTF8.GetBytes(reader.GetString(i)));
                            sha.AppendData([0]);
                            break;
                        default:
                            sha.AppendData([5]);
                            sha.AppendData((byte[])reader.GetValue(i));
                            break;
                    }
                }
            }
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset()[..16]);
    }
}
