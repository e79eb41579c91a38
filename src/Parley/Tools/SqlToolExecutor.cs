using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Parley.Dialogues;
using Parley.Text;
using SQLitePCL;

namespace Parley.Tools;

/// <summary>
/// Runs a tool's parameterised SQL against one dialogue's sandboxed database: preconditions first, then the
/// statements in one transaction, and the rows of the last row-returning statement as the JSON result.
/// </summary>
/// <remarks>Not thread-safe: one executor per dialogue. Arguments are assumed schema-valid (see <see cref="ArgumentValidatingToolExecutor"/>).</remarks>
internal sealed class SqlToolExecutor(SqliteSandbox database, ToolCatalog catalog, string today) : IToolExecutor
{
    private const string Savepoint = "parley_tool";
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);

    /// <summary>The parameter Parley binds itself to the environment's date; no tool may declare it or pass it.</summary>
    public const string Today = "today";

    /// <inheritdoc />
    public ValueTask<ToolResult> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!catalog.TryGet(invocation.Name, out var tool))
        {
            return ValueTask.FromResult(ToolResult.Failure(ToolErrorKind.UnknownTool, $"There is no tool named '{invocation.Name}'."));
        }
        using var arguments = ToolArguments.Parse(invocation.Arguments, out var problem);
        return ValueTask.FromResult(arguments is null ? ToolResult.Failure(ToolErrorKind.InvalidArguments, problem!) : Run(tool, arguments.RootElement));
    }

    private ToolResult Run(ToolSpec tool, JsonElement arguments)
    {
        var connection = database.Connection;
        // Inside a scope, a write is a savepoint of the scope's transaction; otherwise it is its own transaction.
        database.EnsureScope();
        var scope = database.Scope;
        var write = tool.Access == ToolAccess.Write;
        SqliteTransaction? own = null;
        using (database.Trust())
        {
            if (write && scope is null) own = connection.BeginTransaction();
            else if (write) scope!.Save(Savepoint);
        }
        var transaction = scope ?? own;
        var done = false;
        try
        {
            database.Arm(readOnly: !write);
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
                    if (rowsWritten < 0)
                    {
                        return ToolResult.Failure(ToolErrorKind.ResultTooLarge,
                            $"The result is larger than this environment allows (at most {SandboxLimits.MaxResultRows} rows and {SandboxLimits.MaxResultBytes / 1024} KB); narrow the request.");
                    }
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
            database.Disarm();
            using (database.Trust())
            {
                own?.Commit();
                if (write) scope?.Release(Savepoint);
            }
            done = true;
            var json = tool.Returns == ToolReturns.None || rowsWritten < 0
                ? $"{{\"status\":\"ok\",\"affected_rows\":{affected}}}"
                : Encoding.UTF8.GetString(output.WrittenSpan);
            return ToolResult.Success(json);
        }
        catch (SqliteException e)
        {
            return ToolResult.Failure(SandboxErrors.Kind(e), SandboxErrors.Describe(e));
        }
        finally
        {
            database.Disarm();
            using (database.Trust())
            {
                own?.Dispose();
                // A failed write leaves nothing behind. (An interrupted write may already have ended the whole scope.)
                if (write && !done && scope is not null && raw.sqlite3_get_autocommit(connection.Handle!) == 0)
                {
                    scope.Rollback(Savepoint);
                    scope.Release(Savepoint);
                }
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
            parameter.Value = name == Today
                ? today
                : arguments.ValueKind == JsonValueKind.Object && arguments.TryGetProperty(name, out var value) ? SqlValue.FromClrOrJson(value) : DBNull.Value;
        }
        return command;
    }

    /// <summary>Writes the rows as JSON; the row count, or -1 when they pass the sandbox's row or byte limit.</summary>
    private static int WriteRows(SqliteDataReader reader, ArrayBufferWriter<byte> output, bool single)
    {
        using var json = new Utf8JsonWriter(output, Serialization.RelaxedJson.WriterOptions);
        var count = 0;
        var names = new JsonEncodedText[reader.FieldCount];
        for (var i = 0; i < names.Length; i++) names[i] = JsonEncodedText.Encode(reader.GetName(i));
        if (!single) json.WriteStartArray();
        // One row is all a single-row tool returns; the rest is never read.
        while ((!single || count == 0) && reader.Read())
        {
            count++;
            if (count > SandboxLimits.MaxResultRows || output.WrittenCount + json.BytesPending > SandboxLimits.MaxResultBytes) return -1;
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
        return output.WrittenCount > SandboxLimits.MaxResultBytes ? -1 : count;
    }

    private static bool IsTruthy(object? value) => value switch
    {
        null or DBNull => false,
        long l => l != 0,
        double d => d != 0,
        string s => s.Length > 0 && s != "0",
        _ => true,
    };

    private static string Fill(string message, JsonElement arguments) =>
        arguments.ValueKind != JsonValueKind.Object
            ? message
            : Placeholders.Fill(message, name => arguments.TryGetProperty(name, out var value) ? SqlValue.Text(value) : "{" + name + "}")!;

    private static string Describe(JsonElement arguments) =>
        arguments.ValueKind == JsonValueKind.Object && arguments.EnumerateObject().Any()
            ? string.Join(", ", arguments.EnumerateObject().Select(p => $"{p.Name} = {SqlValue.Text(p.Value)}"))
            : "the request";
}
