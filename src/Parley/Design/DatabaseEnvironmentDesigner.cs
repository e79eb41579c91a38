using System.Text;
using Parley.Environments;
using Parley.Tools;

namespace Parley.Design;

/// <summary>
/// The rule-based designer over a brought database (<c>--from-db</c> without a model): reads the schema and the rows
/// (<see cref="SchemaProfiler"/>), chooses the principal, writes tools, scenarios and a policy
/// (<see cref="SchemaToolWriter"/>, <see cref="SchemaScenarioWriter"/>) in the declaration format of the built-in
/// domains, keeps only the tools some scenario exercises, and self-tests the result. The source file is never opened
/// for writing: <see cref="ExistingDatabase"/> has already copied its rows into memory.
/// </summary>
/// <remarks>Deterministic: the same database gives the same declaration. Thread-safe.</remarks>
internal sealed class DatabaseEnvironmentDesigner : IEnvironmentDesigner
{
    private const string DefaultToday = "2025-06-15";

    /// <inheritdoc />
    /// <exception cref="ParleyException">The request brings no database, or nothing usable could be written over it.</exception>
    public ValueTask<EnvironmentSpec> DesignAsync(DesignRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Database is not { } database) throw ParleyException.InvalidOption("--from-db", "the database designer needs a database");
        return ValueTask.FromResult(Design(database, request.Domain, request.Seed));
    }

    /// <summary>The environment written over <paramref name="database"/>, named <paramref name="domain"/>.</summary>
    /// <exception cref="ParleyException">The database has no rows, or no scenario could be written over it.</exception>
    public static EnvironmentSpec Design(ExistingDatabase database, string domain, ulong seed = 0)
    {
        var id = DomainNames.Normalize(domain);
        if (id.Length == 0) id = "database";
        if (!database.HasRows) throw ParleyException.InvalidOption("--from-db", $"{database.Source} has no rows; without a model to invent them, a database with rows is needed");
        var bare = new EnvironmentSpec { Id = id, Domain = id, Description = "", Schema = database.Schema, Data = database.Data, Tools = [] };
        IReadOnlyList<TableProfile> tables;
        IReadOnlyDictionary<string, TableData> data;
        using (var built = EnvironmentDatabase.Build(bare, seed))
        using (var copy = built.OpenInspectionCopy())
        {
            tables = SchemaProfiler.Read(copy.Connection);
            data = built.Data;
        }
        var model = new SchemaModel(tables);
        var tools = new SchemaToolWriter(model);
        var scenarios = new SchemaScenarioWriter(model, tools);
        var used = scenarios.Scenarios.SelectMany(s => s.Requests).SelectMany(r => r.Calls).Select(c => c.Tool).ToHashSet(StringComparer.Ordinal);
        var kept = tools.Tools.Where(t => used.Contains(t.Name)).ToList();
        if (kept.Count == 0) throw ParleyException.InvalidEnvironment($"{id}: no scenario could be written over {database.Source} (it needs tables whose rows can be named, or foreign keys between them)");
        return new EnvironmentSpec
        {
            Id = id,
            Domain = id,
            Description = Describe(model, database.Source),
            Today = Today(tables),
            Schema = database.Schema,
            Data = data,
            Tools = kept,
            Principal = scenarios.Principal,
            Policy = Policy(model, kept, tools),
            Scenarios = scenarios.Scenarios,
        };
    }

    private static string Today(IReadOnlyList<TableProfile> tables)
    {
        var latest = tables.SelectMany(t => t.Columns).Select(c => c.Latest).Where(d => d is { Length: 10 } && DateOnly.TryParseExact(d, "yyyy-MM-dd", out _)).Max(StringComparer.Ordinal);
        return latest is null ? DefaultToday : DateOnly.ParseExact(latest, "yyyy-MM-dd").AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Describe(SchemaModel model, string source)
    {
        var names = string.Join(", ", model.Tables.Select(t => SchemaNames.Words(SchemaNames.Plural(model.Entity(t)))));
        var who = model.Principal is { } p ? $" The user is a {SchemaNames.Words(model.Entity(p))} asking about their own records." : "";
        return $"A database brought from {Path.GetFileName(source)}, with {model.Tables.Count} tables: {names}.{who}";
    }

    private static string Policy(SchemaModel model, IReadOnlyList<ToolSpec> kept, SchemaToolWriter tools)
    {
        var text = new StringBuilder();
        var names = kept.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        if (model.Principal is { } p)
        {
            var entity = SchemaNames.Words(model.Entity(p));
            var by = model.Lookup(p)?.Words ?? model.Handle(p)[0].Words;
            text.AppendLine($"- Identify the {entity} by their {by} before looking at or changing their records, and act only on their own records.");
        }
        foreach (var update in tools.Updates.Where(u => names.Contains(u.Tool.Name)))
        {
            var entity = SchemaNames.Words(model.Entity(update.Table));
            var rule = update.Tool.Preconditions.Count > 1 && update.Tool.Parameters.GetProperty("properties").GetProperty(update.Field.Alias).TryGetProperty("enum", out _)
                ? $"can only be one of: {string.Join(", ", update.Values)}; a {entity} that already has the value asked for is left as it is"
                : "must be given by the user; never guess it";
            text.AppendLine($"- The {update.Field.Words} of a {entity} {rule}.");
        }
        foreach (var insert in tools.Inserts.Where(i => names.Contains(i.Tool.Name)))
        {
            text.AppendLine($"- A new {SchemaNames.Words(model.Entity(insert.Table))} needs every required detail from the user, and is dated today.");
        }
        text.AppendLine("- Look records up with the tools; never state a detail that no tool returned.");
        text.AppendLine("- Confirm every change with the user before making it, and tell them the outcome.");
        return text.ToString().TrimEnd();
    }
}
