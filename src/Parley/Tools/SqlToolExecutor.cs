using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Parley.Environments;
using SQLitePCL;

namespace Parley.Tools;

/// <summary>
/// Runs a tool's parameterised SQL against one dialogue's sandboxed database: preconditions first, then the
/// statements in one transaction, and the rows of the last row-returning statement as the JSON result.
/// </summary>
/// <remarks>Not thread-safe: one executor per dialogue. Arguments are assumed schema-valid (see <see cref="ArgumentValidatingToolExecutor"/>).</remarks>
public sealed class SqlToolExecutor(SqliteSandbox database, ToolCatalog catalog, string today) : IToolExecutor
{
    private const string Savepoint = "parley_tool";
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);

    /// <inheritdoc />
    public ValueTask<ToolResult> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!catalog.TryGet(invocation.Name, out var tool))
        {
            return ValueTask.FromResult(ToolResult.Failure(ToolErrorKind.UnknownTool, $"There is no tool named '{invocation.Name}'."));
        }
        using var arguments = JsonDocument.Parse(string.IsNullOrWhiteSpace(invocation.Arguments) ? "{}" : invocation.Arguments);
        return ValueTask.FromResult(Run(tool, arguments.RootElement));
    }

    private ToolResult Run(ToolSpec tool, JsonElement arguments)
    {
        var connection = database.Connection;
        // Inside a scope, a write is a savepoint of the scope's transaction; otherwise it is its own transaction.
        database.EnsureScope();
        var scope = database.Scope;
        var write = tool.Access == ToolAccess.Write;
        using var own = write && scope is null ? connection.BeginTransaction() : null;
        var transaction = scope ?? own;
        if (write) scope?.Save(Savepoint);
        var done = false;
        try
        {
            database.Arm();
            foreach (var rule in tool.Preconditions)
            {
                var check = Prepare(rule.Sql, arguments, transaction);
                if (!IsTruthy(check.ExecuteScalar()))
                {
                    return ToolResult.Failure(rule.Error ?? ToolErrorKind.PreconditionFailed, Fill(rule.Message, arguments));
                }
            }
            var output = _buffer;
            output.ResetWrittenCount();
            var rowsWritten = -1;
            var affected = 0;
            foreach (var sql in tool.Sql)
            {
                var command = Prepare(sql, arguments, transaction);
                using var reader = command.ExecuteReader();
                if (reader.FieldCount > 0)
                {
                    output.ResetWrittenCount();
                    rowsWritten = WriteRows(reader, output, tool.Returns == ToolReturns.One);
                }
                else
                {
                    affected += Math.Max(0, reader.RecordsAffected);
                }
            }
            if (tool.Returns == ToolReturns.One && rowsWritten == 0)
            {
                return ToolResult.Failure(ToolErrorKind.NoRows, $"No matching record was found for {Describe(arguments)}.");
            }
            own?.Commit();
            if (write) scope?.Release(Savepoint);
            done = true;
            var json = tool.Returns == ToolReturns.None || rowsWritten < 0
                ? $"{{\"status\":\"ok\",\"affected_rows\":{affected}}}"
                : Encoding.UTF8.GetString(output.WrittenSpan);
            return ToolResult.Success(json);
        }
        catch (SqliteException e)
        {
            return ToolResult.Failure(Classify(e), Message(e));
        }
        finally
        {
            database.Disarm();
            // A failed write leaves nothing behind. (An interrupted write may already have ended the whole scope.)
            if (write && !done && scope is not null && raw.sqlite3_get_autocommit(connection.Handle!) == 0)
            {
                scope.Rollback(Savepoint);
                scope.Release(Savepoint);
            }
        }
    }

    private SqliteCommand Prepare(string sql, JsonElement arguments, SqliteTransaction? transaction)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = database.Connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in SqlText.Parameters(sql))
            {
                command.Parameters.Add(new SqliteParameter(":" + name, DBNull.Value));
            }
            _commands[sql] = command;
        }
        command.Transaction = transaction;
        foreach (SqliteParameter parameter in command.Parameters)
        {
            var name = parameter.ParameterName[1..];
            parameter.Value = name == "today" && !arguments.TryGetProperty("today", out _)
                ? today
                : arguments.ValueKind == JsonValueKind.Object && arguments.TryGetProperty(name, out var value) ? SqlValue.FromClrOrJson(value) : DBNull.Value;
        }
        return command;
    }

    private static int WriteRows(SqliteDataReader reader, IBufferWriter<byte> output, bool single)
    {
        using var json = new Utf8JsonWriter(output, Serialization.RelaxedJson.WriterOptions);
        var count = 0;
        var names = new JsonEncodedText[reader.FieldCount];
        for (var i = 0; i < names.Length; i++) names[i] = JsonEncodedText.Encode(reader.GetName(i));
        if (!single) json.WriteStartArray();
        while (reader.Read())
        {
            count++;
            if (single && count > 1) continue;
            json.WriteStartObject();
            for (var i = 0; i < names.Length; i++)
            {
                json.WritePropertyName(names[i]);
                if (reader.IsDBNull(i))
                {
                    json.WriteNullValue();
                    continue;
                }
                switch (reader.GetFieldType(i).Name)
                {
                    case nameof(Int64): json.WriteNumberValue(reader.GetInt64(i)); break;
                    case nameof(Double): json.WriteNumberValue(Math.Round(reader.GetDouble(i), 6)); break;
                    case nameof(String): json.WriteStringValue(reader.GetString(i)); break;
                    default: json.WriteBase64StringValue((byte[])reader.GetValue(i)); break;
                }
            }
            json.WriteEndObject();
        }
        if (!single) json.WriteEndArray();
        json.Flush();
        return count;
    }

    private static bool IsTruthy(object? value) => value switch
    {
        null or DBNull => false,
        long l => l != 0,
        double d => d != 0,
        string s => s.Length > 0 && s != "0",
        _ => true,
    };

    private static string Fill(string message, JsonElement arguments)
    {
        if (arguments.ValueKind != JsonValueKind.Object) return message;
        var text = new StringBuilder(message);
        foreach (var p in arguments.EnumerateObject())
        {
            text.Replace("{" + p.Name + "}", SqlValue.Text(p.Value));
        }
        return text.ToString();
    }

    private static string Describe(JsonElement arguments) =>
        arguments.ValueKind == JsonValueKind.Object && arguments.EnumerateObject().Any()
            ? string.Join(", ", arguments.EnumerateObject().Select(p => $"{p.Name} = {SqlValue.Text(p.Value)}"))
            : "the request";

    private static ToolErrorKind Classify(SqliteException e) => e.SqliteErrorCode switch
    {
        1 when e.Message.Contains("not authorized", StringComparison.Ordinal) => ToolErrorKind.Forbidden, // a denied function
        19 => ToolErrorKind.ConstraintViolation, // SQLITE_CONSTRAINT
        9 => ToolErrorKind.Timeout,              // SQLITE_INTERRUPT, raised by the sandbox's progress handler
        23 => ToolErrorKind.Forbidden,           // SQLITE_AUTH, raised by the sandbox's authorizer
        _ => ToolErrorKind.ExecutionError,
    };

    private static string Message(SqliteException e) => e.SqliteErrorCode switch
    {
        9 => "The operation took too long and was stopped.",
        23 => "The operation is not allowed in this environment.",
        1 when e.Message.Contains("not authorized", StringComparison.Ordinal) => "The operation is not allowed in this environment.",
        _ => e.Message.Replace("SQLite Error ", "", StringComparison.Ordinal),
    };

}
