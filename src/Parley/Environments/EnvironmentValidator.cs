using System.Text.Json;
using System.Text.RegularExpressions;
using Parley.Tools;

namespace Parley.Environments;

/// <summary>
/// Checks an environment declaration against its built database: every statement compiles, every <c>:parameter</c> is
/// declared, write tools are marked as writes, the principal and the scenarios name real tools and arguments.
/// </summary>
internal static partial class EnvironmentValidator
{
    /// <summary>True for a name that is safe as a file name: 1-100 letters, digits, '_', '-' or '.', starting with a letter or digit.</summary>
    public static bool IsSafeName(string? name) => name is not null && SafeName().IsMatch(name);

    /// <summary>
    /// Checks what can be checked without a database: the id and domain name (they name files) match a safe pattern,
    /// and no SQL the environment declares controls transactions (Parley runs every call in its own transaction) or vacuums.
    /// Throws <see cref="ParleyException"/> listing every problem found.
    /// </summary>
    public static void CheckDeclaration(EnvironmentSpec spec)
    {
        var problems = new List<string>();
        if (!SafeName().IsMatch(spec.Id ?? "")) problems.Add($"id '{spec.Id}' must be 1-100 letters, digits, '_', '-' or '.', starting with a letter or digit (it names files)");
        if (!SafeName().IsMatch(spec.Domain ?? "")) problems.Add($"domain '{spec.Domain}' must be 1-100 letters, digits, '_', '-' or '.', starting with a letter or digit");
        void Statements(string? sql, string where)
        {
            foreach (var statement in SqlText.Statements(sql ?? ""))
            {
                if (SqlText.IsTransactionControl(statement))
                {
                    problems.Add($"{where}: transaction control (`{statement.TrimEnd(';')}`) is not allowed; Parley runs each call in its own transaction");
                }
                else if (SqlText.FirstKeyword(statement) == "VACUUM")
                {
                    // Inside a transaction VACUUM merely fails; outside one VACUUM INTO would write a file (the sandbox refuses its ATTACH).
                    problems.Add($"{where}: `{statement.TrimEnd(';')}` is not allowed in this environment");
                }
            }
        }
        Statements(spec.Schema, "schema");
        foreach (var sql in spec.Seed?.Finally ?? []) Statements(sql, "seed.finally");
        if (spec.Principal is { } principal) Statements(principal.Sql, "principal");
        foreach (var scenario in spec.Scenarios ?? []) Statements(scenario.Sample, $"scenario '{scenario.Id}'");
        foreach (var tool in spec.Tools ?? [])
        {
            foreach (var sql in tool.Sql.Concat(tool.Preconditions.Select(p => p.Sql))) Statements(sql, $"tool '{tool.Name}'");
        }
        if (problems.Count > 0)
        {
            throw ParleyException.InvalidEnvironment($"{(SafeName().IsMatch(spec.Id ?? "") ? spec.Id : "environment")}: {string.Join("; ", problems)}");
        }
    }

    /// <summary>Throws <see cref="ParleyException"/> listing every problem found.</summary>
    public static void Validate(EnvironmentSpec spec, SqliteSandbox database, ToolCatalog tools)
    {
        var problems = new List<string>();
        // An MCP server's tools run on the server: there is no SQL to check, and the server names them as it likes.
        foreach (var tool in spec.Mcp is null ? spec.Tools : [])
        {
            var declared = Declared(tool.Parameters);
            if (!ToolName().IsMatch(tool.Name)) problems.Add($"tool '{tool.Name}': name must be snake_case, 2 to 64 characters");
            if (tool.Sql.Count == 0) problems.Add($"tool '{tool.Name}': no SQL");
            foreach (var sql in tool.Sql.Concat(tool.Preconditions.Select(p => p.Sql)))
            {
                Compile(database, sql, $"tool '{tool.Name}'", problems);
                foreach (var name in Parameters(sql).Where(p => p != "today" && !declared.Contains(p)))
                {
                    problems.Add($"tool '{tool.Name}': SQL uses :{name}, which is not a declared parameter");
                }
            }
            // Data changes only: schema changes are not a tool's business, and the sandbox refuses them at run time. Every
            // statement counts: a read tool may not hide a write after its first SELECT.
            var writes = tool.Sql.Any(s => !IsReadOnly(database, s) && Dml().IsMatch(s));
            if (writes && tool.Access != ToolAccess.Write) problems.Add($"tool '{tool.Name}': its SQL changes data, so access must be 'write'");
            if (!writes && tool.Access == ToolAccess.Write) problems.Add($"tool '{tool.Name}': access is 'write' but its SQL changes nothing");
        }
        if (spec.Principal is { } principal) Compile(database, principal.Sql, "principal", problems);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var scenario in spec.Scenarios)
        {
            var where = $"scenario '{scenario.Id}'";
            if (!ids.Add(scenario.Id)) problems.Add($"{where}: duplicate id");
            Compile(database, scenario.Sample, where, problems);
            if (scenario.Requests.Count == 0) problems.Add($"{where}: no requests");
            foreach (var (request, i) in scenario.Requests.Select((r, i) => (r, i)))
            {
                if (request.Say.Count == 0) problems.Add($"{where}, request {i + 1}: nothing to say");
                foreach (var call in request.Calls)
                {
                    if (!tools.TryGet(call.Tool, out var tool))
                    {
                        problems.Add($"{where}, request {i + 1}: unknown tool '{call.Tool}'");
                        continue;
                    }
                    var declared = Declared(tool.Parameters);
                    problems.AddRange(call.Args.Keys.Where(a => !declared.Contains(a)).Select(a => $"{where}, request {i + 1}: '{call.Tool}' has no parameter '{a}'"));
                    problems.AddRange(Required(tool.Parameters).Where(r => !call.Args.ContainsKey(r)).Select(r => $"{where}, request {i + 1}: '{call.Tool}' needs '{r}'"));
                }
            }
        }
        if (problems.Count > 0)
        {
            throw ParleyException.InvalidEnvironment($"{spec.Id}: {string.Join("; ", problems)}");
        }
    }

    private static void Compile(SqliteSandbox database, string sql, string where, List<string> problems)
    {
        using var command = database.Connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in Parameters(sql).Distinct()) command.Parameters.AddWithValue(":" + name, DBNull.Value);
        try
        {
            command.Prepare();
        }
        catch (Microsoft.Data.Sqlite.SqliteException e) when (e.SqliteErrorCode == 23 || e.Message.Contains("not authorized", StringComparison.Ordinal))
        {
            // Refused by the sandbox: the call fails as `forbidden` at run time, which is data, not a broken declaration.
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            problems.Add($"{where}: {e.Message.Replace("SQLite Error ", "", StringComparison.Ordinal)} in `{sql.Trim()}`");
        }
    }

    /// <summary>SQLite's own answer to whether any statement of <paramref name="sql"/> writes (a CTE can hide a DELETE behind a WITH).</summary>
    private static bool IsReadOnly(SqliteSandbox database, string sql)
    {
        foreach (var text in SqlText.Statements(sql))
        {
            if (SQLitePCL.raw.sqlite3_prepare_v2(database.Connection.Handle!, text, out SQLitePCL.sqlite3_stmt statement) != 0) continue; // reported by Compile, or refused at run time
            using (statement)
            {
                if (SQLitePCL.raw.sqlite3_stmt_readonly(statement) == 0) return false;
            }
        }
        return true;
    }

    private static HashSet<string> Declared(JsonElement parameters) =>
        parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object
            ? [.. p.EnumerateObject().Select(x => x.Name)]
            : [];

    private static IEnumerable<string> Required(JsonElement parameters) =>
        parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Array
            ? r.EnumerateArray().Select(x => x.GetString() ?? "")
            : [];

    private static IEnumerable<string> Parameters(string sql) => SqlText.Parameters(sql);

    [GeneratedRegex(@"\b(INSERT|UPDATE|DELETE|REPLACE)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Dml();

    [GeneratedRegex(ToolSpec.NamePattern)]
    private static partial Regex ToolName();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,99}\z")]
    private static partial Regex SafeName();

}
