using System.Text.Json;
using Parley.Environments;
using Parley.Serialization;
using Parley.Tools;

namespace Parley.Design;

/// <summary>
/// Composes the scenarios of an environment over a brought database from its tools: the principal reviews, filters
/// by date and opens their own rows, looks up catalogue rows and what belongs to them, changes a status, a quantity or
/// a contact detail, and adds a row of their own. Each scenario's sample query grounds it in real rows, so the
/// rule-based planner only draws tasks the tools can serve.
/// </summary>
internal sealed class SchemaScenarioWriter
{
    private readonly SchemaModel _model;
    private readonly SchemaToolWriter _tools;
    private readonly List<ScenarioSpec> _scenarios = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    public SchemaScenarioWriter(SchemaModel model, SchemaToolWriter tools)
    {
        _model = model;
        _tools = tools;
        if (model.Principal is { } principal && Identify(principal) is { } identify) WritePrincipal(principal, identify);
        WriteCatalogue();
    }

    /// <summary>The principal's declaration, or null when the database has none.</summary>
    public PrincipalSpec? Principal { get; private set; }

    /// <summary>The scenarios written.</summary>
    public IReadOnlyList<ScenarioSpec> Scenarios => _scenarios;

    private ScenarioCall? Identify(TableProfile principal)
    {
        var handle = _model.Handle(principal);
        if (handle.Count != 1) return null;
        if (_tools.Find is { } find && _model.Lookup(principal) is { } lookup) return Call(find, (lookup.Alias, $"{{{lookup.Alias}}}"));
        return _tools.Get.TryGetValue(principal.Name, out var get) ? Call(get, (handle[0].Alias, $"{{{handle[0].Alias}}}")) : null;
    }

    private void WritePrincipal(TableProfile principal, ScenarioCall identify)
    {
        var key = _model.Handle(principal)[0];
        var lookup = _model.Lookup(principal);
        var lists = _tools.Lists.Where(l => l.Parent == principal && l.Parameter.Alias == key.Alias).ToList();
        var biggest = lists.Where(l => l.Via == l.Rows).OrderByDescending(l => l.Rows.Rows).FirstOrDefault();
        var columns = new List<string> { $"{key.Sql("p")} AS {key.Alias}", $"{_model.NameSql(principal, "p")} AS name" };
        if (lookup is not null) columns.Add($"{lookup.Sql("p")} AS {lookup.Alias}");
        var where = biggest is null ? "" : $" WHERE EXISTS (SELECT 1 FROM {SqlText.Quote(biggest.Via.Name)} AS c WHERE c.{SqlText.Quote(biggest.ForeignKey)} = {key.Sql("p")})";
        Principal = new PrincipalSpec
        {
            Sql = $"SELECT {string.Join(", ", columns)} FROM {SqlText.Quote(principal.Name)} AS p{where}",
            Knows = ["name", lookup?.Alias ?? key.Alias],
        };
        var me = $"${key.Alias}";
        foreach (var list in lists)
        {
            var rows = Words(SchemaNames.Plural(_model.Entity(list.Rows)));
            var owned = OwnedSql(list, key);
            Add(new ScenarioSpec
            {
                Id = "review_" + list.Tool.Name,
                Goal = $"You want to see the {rows} on your account.",
                Difficulty = "easy",
                Sample = $"SELECT COUNT(*) AS listed FROM {owned} HAVING COUNT(*) > 0",
                Requests = [Request($"See the {rows} on your account.", [$"Could you show me my {rows}?", $"I'd like to see the {rows} on my account.", $"Can you list my {rows}, please?"],
                    [identify, Call(list.Tool, (key.Alias, me))], [$"Could you tell me more about the first one?", $"What are the details of that one?"])],
            });
            if (list.ByDate && _model.Date(list.Rows) is { } date)
            {
                Add(new ScenarioSpec
                {
                    Id = "recent_" + list.Tool.Name,
                    Goal = $"You want to see your {rows} with a {date.Words} on or after {{from_date}}.",
                    Difficulty = "medium",
                    Sample = $"SELECT DISTINCT {date.Sql("r")} AS from_date FROM {owned}",
                    Knows = ["from_date"],
                    Requests = [Request($"List your {rows} since {{from_date}}.", [$"Which {rows} do I have since {{from_date}}?", $"Could you list my {rows} from {{from_date}} onwards?", $"I need my {rows} dated {{from_date}} or later."],
                        [identify, Call(list.Tool, (key.Alias, me), ("from_date", "{from_date}"))])],
                });
            }
            if (list.Via != list.Rows) continue;
            WriteOwnedRow(list, key, identify, owned);
        }
        foreach (var update in _tools.Updates.Where(u => u.Table == principal && _model.Handle(principal).Count == 1))
        {
            Add(new ScenarioSpec
            {
                Id = "change_" + update.Tool.Name,
                Goal = $"Your {update.Field.Words} has changed to {{new_value}}; you want your record updated.",
                Difficulty = "easy",
                Sample = $"SELECT {key.Sql("p")} AS own FROM {SqlText.Quote(principal.Name)} AS p WHERE {key.Sql("p")} = :{key.Alias}",
                Choices = new Dictionary<string, IReadOnlyList<string>> { ["new_value"] = update.Values },
                Requests = [Request($"Update your {update.Field.Words} to {{new_value}}.", [$"My {update.Field.Words} is now {{new_value}}. Could you update my record?", $"Please change my {update.Field.Words} to {{new_value}}.", $"Can you update my {update.Field.Words}? It's {{new_value}} now."],
                    [identify, Call(update.Tool, (key.Alias, me), (update.Field.Alias, "{new_value}"))])],
            });
        }
        foreach (var insert in _tools.Inserts) WriteInsert(insert, key, identify);
    }

    /// <summary>Scenarios about one row the principal owns: what belongs to it, its details, a change to it.</summary>
    private void WriteOwnedRow(SchemaListTool list, SchemaField key, ScenarioCall identify, string owned)
    {
        var entity = _model.Entity(list.Rows);
        var handle = _model.Handle(list.Rows);
        var label = _model.Label(list.Rows) ?? _model.Date(list.Rows);
        var known = label ?? (handle.Count == 1 ? handle[0] : null);
        if (known is null) return;
        var phrase = label is null ? $"{Words(entity)} {{{known.Alias}}}" : label.Kind == ColumnKind.Date ? $"the {Words(entity)} from {{{known.Alias}}}" : $"the {Words(entity)} \"{{{known.Alias}}}\"";
        var columns = handle.Select(h => $"{h.Sql("r")} AS {h.Alias}").Append($"{known.Sql("r")} AS {known.Alias}").Distinct();
        var sample = $"SELECT {string.Join(", ", columns)} FROM {owned} AND {known.Sql("r")} IS NOT NULL";
        var first = Request($"Find your {Words(SchemaNames.Plural(entity))}.", [$"I have a question about one of my {Words(SchemaNames.Plural(entity))}. Could you pull them up?", $"Can you look up my {Words(SchemaNames.Plural(entity))}?", $"Could you check my {Words(SchemaNames.Plural(entity))} for me?"],
            [identify, Call(list.Tool, (key.Alias, $"${key.Alias}"))]);
        var byHandle = handle.Select(h => (h.Alias, $"{{{h.Alias}}}")).ToArray();
        foreach (var inner in _tools.Lists.Where(l => l.Parent == list.Rows && handle.Count == 1 && l.Parameter.Alias == handle[0].Alias))
        {
            var rows = Words(SchemaNames.Plural(_model.Entity(inner.Rows)));
            Add(new ScenarioSpec
            {
                Id = "contents_" + inner.Tool.Name,
                Goal = $"You want to know which {rows} belong to {phrase}.",
                Difficulty = "medium",
                Sample = $"{sample} AND EXISTS (SELECT 1 FROM {SqlText.Quote(inner.Via.Name)} AS x WHERE x.{SqlText.Quote(inner.ForeignKey)} = {handle[0].Sql("r")})",
                Knows = [known.Alias],
                Requests = [first, Request($"List the {rows} of {phrase}.", [$"Which {rows} are on {phrase}?", $"What {rows} does {phrase} have?", $"Could you list the {rows} for {phrase}?"], [Call(inner.Tool, byHandle)])],
            });
        }
        if (_tools.Get.TryGetValue(list.Rows.Name, out var get))
        {
            Add(new ScenarioSpec
            {
                Id = "details_" + get.Name + "_" + list.Tool.Name,
                Goal = $"You want the full details of {phrase}.",
                Difficulty = "easy",
                Sample = sample,
                Knows = [known.Alias],
                Requests = [first, Request($"Get the details of {phrase}.", [$"Could you give me the full details of {phrase}?", $"What exactly is on record for {phrase}?", $"Please show me everything about {phrase}."], [Call(get, byHandle)])],
            });
        }
        foreach (var update in _tools.Updates.Where(u => u.Table == list.Rows))
        {
            var current = _model.Field(list.Rows, update.Field.Column!)!;
            Add(new ScenarioSpec
            {
                Id = "change_" + update.Tool.Name,
                Goal = $"You want the {update.Field.Words} of {phrase} set to {{new_value}}.",
                Difficulty = "medium",
                Sample = $"{sample} AND COALESCE({current.Sql("r")}, '') <> ''",
                Knows = [known.Alias],
                Choices = new Dictionary<string, IReadOnlyList<string>> { ["new_value"] = update.Values },
                Requests = [first, Request($"Set the {update.Field.Words} of {phrase} to {{new_value}}.", [$"Please set the {update.Field.Words} of {phrase} to {{new_value}}.", $"Could you change the {update.Field.Words} of {phrase} to {{new_value}}?", $"I'd like {phrase} to have {update.Field.Words} {{new_value}}."],
                    [Call(update.Tool, [.. byHandle, (update.Field.Alias, "{new_value}")])])],
            });
        }
    }

    private void WriteInsert(SchemaInsertTool insert, SchemaField key, ScenarioCall identify)
    {
        var entity = Words(_model.Entity(insert.Table));
        var args = new List<(string, string)> { (key.Alias, $"${key.Alias}") };
        var choices = insert.Values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        var details = string.Concat(insert.Values.Keys.Select(k => $", {SchemaNames.Words(k)} {{{k}}}"));
        args.AddRange(insert.Values.Keys.Select(k => (k, $"{{{k}}}")));
        var requests = new List<ScenarioRequest>();
        string sample;
        var knows = new List<string>();
        if (insert.Other is { } other && _tools.Search.TryGetValue(other.Table.Name, out var search) && _model.Label(other.Table) is { } label)
        {
            sample = $"SELECT {label.Sql("o")} AS {label.Alias}, {SqlText.Quote(other.Parameter.Column!)} AS {other.Parameter.Alias} FROM {SqlText.Quote(other.Table.Name)} AS o WHERE {label.Sql("o")} IS NOT NULL";
            knows.Add(label.Alias);
            requests.Add(Request($"Find the {Words(_model.Entity(other.Table))} {{{label.Alias}}}.", [$"I'm looking for the {Words(_model.Entity(other.Table))} {{{label.Alias}}}.", $"Can you find {{{label.Alias}}} for me?", $"Do you have the {Words(_model.Entity(other.Table))} {{{label.Alias}}}?"], [Call(search, ("query", $"{{{label.Alias}}}"))]));
            args.Add((other.Parameter.Alias, $"{{{other.Parameter.Alias}}}"));
            requests.Add(Request($"Add a new {entity} for {{{label.Alias}}}{details}.", [$"Please add a new {entity} for {{{label.Alias}}} to my account{details}.", $"I'd like a new {entity} with {{{label.Alias}}}{details}."], [identify, Call(insert.Tool.Name, args)]));
        }
        else
        {
            sample = $"SELECT {key.Sql("p")} AS own FROM {SqlText.Quote(_model.Principal!.Name)} AS p WHERE {key.Sql("p")} = :{key.Alias}";
            requests.Add(Request($"Add a new {entity} to your account{details}.", [$"I'd like to add a new {entity} to my account{details}.", $"Could you create a new {entity} for me{details}?", $"Please record a new {entity} on my account{details}."], [identify, Call(insert.Tool.Name, args)]));
        }
        Add(new ScenarioSpec
        {
            Id = "new_" + insert.Tool.Name,
            Goal = $"You want a new {entity} added to your account{details}.",
            Difficulty = requests.Count > 1 ? "hard" : "medium",
            Sample = sample,
            Knows = knows,
            Choices = choices,
            Requests = requests,
        });
    }

    /// <summary>Catalogue rows found by their label: their details, what belongs to them, changes to them.</summary>
    private void WriteCatalogue()
    {
        foreach (var (table, search) in _model.Tables.Where(t => _tools.Search.ContainsKey(t.Name)).Select(t => (t, _tools.Search[t.Name])))
        {
            var entity = _model.Entity(table);
            var label = _model.Label(table)!;
            var handle = _model.Handle(table);
            var columns = handle.Select(h => $"{h.Sql("r")} AS {h.Alias}").Append($"{label.Sql("r")} AS {label.Alias}").Distinct();
            var from = $"{SqlText.Quote(table.Name)} AS r WHERE {label.Sql("r")} IS NOT NULL";
            var sample = $"SELECT {string.Join(", ", columns)} FROM {from}";
            var find = Call(search, ("query", $"{{{label.Alias}}}"));
            var byHandle = handle.Select(h => (h.Alias, $"{{{h.Alias}}}")).ToArray();
            var phrase = $"{{{label.Alias}}}";
            if (_tools.Get.TryGetValue(table.Name, out var get))
            {
                Add(new ScenarioSpec
                {
                    Id = "about_" + entity,
                    Goal = $"You want to know about the {Words(entity)} {phrase}.",
                    Difficulty = "easy",
                    Sample = sample,
                    Knows = [label.Alias],
                    Requests = [Request($"Get the details of the {Words(entity)} {phrase}.", [$"Can you tell me about the {Words(entity)} {phrase}?", $"What do you have on {phrase}?", $"I'd like the details of the {Words(entity)} {phrase}."], [find, Call(get, byHandle)])],
                });
            }
            foreach (var list in _tools.Lists.Where(l => l.Parent == table && handle.Count == 1 && l.Parameter.Alias == handle[0].Alias))
            {
                var rows = Words(SchemaNames.Plural(_model.Entity(list.Rows)));
                Add(new ScenarioSpec
                {
                    Id = "browse_" + list.Tool.Name,
                    Goal = $"You want to know which {rows} belong to the {Words(entity)} {phrase}.",
                    Difficulty = "medium",
                    Sample = $"{sample} AND EXISTS (SELECT 1 FROM {SqlText.Quote(list.Via.Name)} AS x WHERE x.{SqlText.Quote(list.ForeignKey)} = {handle[0].Sql("r")})",
                    Knows = [label.Alias],
                    Requests = [Request($"Find the {Words(entity)} {phrase}.", [$"I'm looking for the {Words(entity)} {phrase}.", $"Can you find {phrase} for me?", $"Could you look up the {Words(entity)} {phrase}?"], [find]),
                        Request($"List the {rows} of {phrase}.", [$"Which {rows} does {phrase} have?", $"What are the {rows} of {phrase}?", $"Could you list the {rows} for {phrase}?"], [Call(list.Tool, byHandle)])],
                });
            }
            foreach (var update in _tools.Updates.Where(u => u.Table == table && u.Table != _model.Principal))
            {
                if (_scenarios.Any(s => s.Id == "change_" + update.Tool.Name)) continue;
                Add(new ScenarioSpec
                {
                    Id = "change_" + update.Tool.Name,
                    Goal = $"You want the {update.Field.Words} of the {Words(entity)} {phrase} set to {{new_value}}.",
                    Difficulty = "medium",
                    Sample = sample,
                    Knows = [label.Alias],
                    Choices = new Dictionary<string, IReadOnlyList<string>> { ["new_value"] = update.Values },
                    Requests = [Request($"Find the {Words(entity)} {phrase}.", [$"I need to check the {Words(entity)} {phrase}.", $"Can you find {phrase} for me?", $"Could you look up the {Words(entity)} {phrase}?"], [find]),
                        Request($"Set the {update.Field.Words} of {phrase} to {{new_value}}.", [$"Please set the {update.Field.Words} of {phrase} to {{new_value}}.", $"Could you change the {update.Field.Words} of {phrase} to {{new_value}}?"],
                            [Call(update.Tool, [.. byHandle, (update.Field.Alias, "{new_value}")])])],
                });
            }
        }
    }

    /// <summary>The rows of a list's table that belong to the principal, as <c>table AS r WHERE ...</c> (the caller may add conditions).</summary>
    private static string OwnedSql(SchemaListTool list, SchemaField key) => list.Via == list.Rows
        ? $"{SqlText.Quote(list.Rows.Name)} AS r WHERE r.{SqlText.Quote(list.ForeignKey)} = :{key.Alias}"
        : $"{SqlText.Quote(list.Via.Name)} AS r WHERE r.{SqlText.Quote(list.ForeignKey)} = :{key.Alias}";

    private void Add(ScenarioSpec scenario)
    {
        if (_ids.Add(scenario.Id)) _scenarios.Add(scenario);
    }

    private static ScenarioRequest Request(string goal, IReadOnlyList<string> say, IReadOnlyList<ScenarioCall> calls, IReadOnlyList<string>? followUps = null) =>
        new() { Goal = goal, Say = say, Calls = calls, FollowUps = followUps ?? [] };

    private static ScenarioCall Call(ToolSpec tool, params (string Name, string Expression)[] args) => Call(tool.Name, args);

    private static ScenarioCall Call(string tool, IEnumerable<(string Name, string Expression)> args) => new()
    {
        Tool = tool,
        Args = args.ToDictionary(a => a.Name, a => (object?)JsonSerializer.SerializeToElement(a.Expression, PrimitiveJsonContext.Default.String), StringComparer.Ordinal),
    };

    private static string Words(string snake) => SchemaNames.Words(snake);
}
