using System.Globalization;
using Parley.Dialogues;
using Parley.Tools;

namespace Parley.Design;

/// <summary>
/// Writes the tools of an environment over a brought database, in the declaration format of the built-in domains:
/// a look-up of one row by its key (with the labels of the rows it points at joined in), a look-up of the principal
/// by its own identifier, searches over labels with optional status and date filters, lists along foreign keys and
/// through junction tables, guarded updates of status-like and quantity-like columns and of the principal's contact
/// details, and inserts of the principal's child rows with preconditions from NOT NULL, CHECK and foreign keys.
/// </summary>
internal sealed class SchemaToolWriter
{
    private const int ListLimit = 50, SearchLimit = 10, MaxJoins = 3, MaxChoices = 6;
    private readonly SchemaModel _model;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public SchemaToolWriter(SchemaModel model)
    {
        _model = model;
        foreach (var table in model.Tables.Where(t => !t.IsJunction && model.Handle(t).Count > 0)) Get[table.Name] = WriteGet(table);
        foreach (var table in model.Tables.Where(t => !t.IsJunction && t != model.Principal && model.Label(t) is { Kind: ColumnKind.Text })) Search[table.Name] = WriteSearch(table);
        foreach (var table in model.Tables) WriteLists(table);
        if (model.Principal is { } principal && model.Lookup(principal) is { } lookup) Find = WriteFind(principal, lookup);
        foreach (var table in model.Tables.Where(t => !t.IsJunction && model.Handle(t).Count > 0))
        {
            if (model.Status(table) is { } status && Values(status) is { Count: >= 2 } values) Updates.Add(WriteUpdate(table, status, values, "status"));
            if (model.Quantity(table) is { } quantity) Updates.Add(WriteUpdate(table, quantity, QuantityValues(quantity), "quantity"));
        }
        if (model.Principal is { } p)
        {
            foreach (var contact in model.Contacts(p, model.Lookup(p)?.Column).Take(2)) Updates.Add(WriteUpdate(p, contact, ContactValues(SchemaNames.Snake(contact.Name)), "contact"));
            foreach (var (child, key) in model.Children(p).Where(c => !c.Child.IsJunction && c.Child.Name != p.Name))
            {
                if (WriteInsert(p, child, key) is { } insert) Inserts.Add(insert);
            }
        }
    }

    /// <summary>Every tool written, in order.</summary>
    public List<ToolSpec> Tools { get; } = [];

    /// <summary>The look-up by key, per table name.</summary>
    public Dictionary<string, ToolSpec> Get { get; } = new(StringComparer.Ordinal);

    /// <summary>The search over labels, per table name.</summary>
    public Dictionary<string, ToolSpec> Search { get; } = new(StringComparer.Ordinal);

    /// <summary>The principal's look-up by its own identifier, or null.</summary>
    public ToolSpec? Find { get; private set; }

    /// <summary>Lists along foreign keys.</summary>
    public List<SchemaListTool> Lists { get; } = [];

    /// <summary>Guarded updates.</summary>
    public List<SchemaUpdateTool> Updates { get; } = [];

    /// <summary>Inserts of the principal's child rows.</summary>
    public List<SchemaInsertTool> Inserts { get; } = [];

    private ToolSpec WriteGet(TableProfile table)
    {
        var entity = _model.Entity(table);
        var handle = _model.Handle(table);
        var (select, joins) = Projection(table, "t");
        var where = string.Join(" AND ", handle.Select(h => $"{h.Sql("t")} = :{h.Alias}"));
        return Add(new ToolSpec
        {
            Name = Unique($"get_{entity}"),
            Description = $"Get one {Words(entity)} by its {string.Join(" and ", handle.Select(h => h.Words))}, with every detail on record.",
            Parameters = SchemaParameter.Schema(handle.Select(h => new SchemaParameter(h.Alias, h.JsonType, $"The {Words(entity)}'s {h.Words}."))),
            Returns = ToolReturns.One,
            Sql = [$"SELECT {select} FROM {SqlText.Quote(table.Name)} AS t{joins} WHERE {where}"],
            Report = Report(table),
        });
    }

    private ToolSpec WriteFind(TableProfile table, SchemaField lookup)
    {
        var entity = _model.Entity(table);
        var (select, joins) = Projection(table, "t");
        return Add(new ToolSpec
        {
            Name = Unique($"find_{entity}_by_{Suffix(entity, lookup.Alias)}"),
            Description = $"Look up a {Words(entity)} by their {lookup.Words}. Returns the record with its {string.Join(" and ", _model.Handle(table).Select(h => h.Words))}.",
            Parameters = SchemaParameter.Schema([new SchemaParameter(lookup.Alias, "string", $"The {lookup.Words} on record.")]),
            Returns = ToolReturns.One,
            Sql = [$"SELECT {select} FROM {SqlText.Quote(table.Name)} AS t{joins} WHERE {lookup.Sql("t")} = :{lookup.Alias} COLLATE NOCASE"],
            Report = Report(table),
        });
    }

    private ToolSpec WriteSearch(TableProfile table)
    {
        var entity = _model.Entity(table);
        var label = _model.Label(table)!;
        var (select, joins) = Projection(table, "t");
        var parameters = new List<SchemaParameter> { new("query", "string", $"Words from the {label.Words}.") };
        var filters = new List<string> { $"{label.Sql("t")} LIKE '%' || :query || '%'" };
        AddFilters(table, "t", parameters, filters);
        return Add(new ToolSpec
        {
            Name = Unique($"search_{SchemaNames.Plural(entity)}"),
            Description = $"Search {Words(SchemaNames.Plural(entity))} by {label.Words}{FilterWords(parameters)}. Returns at most {SearchLimit}, by {label.Words}.",
            Parameters = SchemaParameter.Schema(parameters),
            Returns = ToolReturns.Many,
            Sql = [$"SELECT {select} FROM {SqlText.Quote(table.Name)} AS t{joins} WHERE {string.Join(" AND ", filters)} ORDER BY {label.Sql("t")} LIMIT {SearchLimit}"],
            Report = Report(table) with { Empty = $"No {Words(entity)} matches that search." },
        });
    }

    private void WriteLists(TableProfile table)
    {
        if (table.IsJunction)
        {
            var (a, b) = (table.ForeignKeys[0], table.ForeignKeys[1]);
            WriteList(table, a, b);
            WriteList(table, b, a);
            return;
        }
        foreach (var key in table.ForeignKeys.Where(k => k.Parent != table.Name))
        {
            if (_model.Find(key.Parent) is not { } parent || ParentParameter(parent, key) is not { } parameter) continue;
            var rows = SchemaNames.Plural(_model.Entity(table));
            var name = $"list_{_model.Entity(parent)}_{Suffix(_model.Entity(parent), rows)}";
            if (table.ForeignKeys.Count(k => k.Parent == key.Parent) > 1) name += "_by_" + SchemaNames.Snake(key.Column);
            var (select, joins) = Projection(table, "t");
            var parameters = new List<SchemaParameter> { new(parameter.Alias, parameter.JsonType, $"The {Words(_model.Entity(parent))}'s {parameter.Words}.") };
            var filters = new List<string> { $"t.{SqlText.Quote(key.Column)} = :{parameter.Alias}" };
            var byDate = AddFilters(table, "t", parameters, filters);
            var order = _model.Date(table) is { } date ? $"{date.Sql("t")} DESC, " : "";
            var tool = Add(new ToolSpec
            {
                Name = Unique(name),
                Description = $"List the {Words(rows)} of a {Words(_model.Entity(parent))}{FilterWords(parameters)}{(order.Length > 0 ? ", newest first" : "")} (at most {ListLimit}).",
                Parameters = SchemaParameter.Schema(parameters),
                Returns = ToolReturns.Many,
                Sql = [$"SELECT {select} FROM {SqlText.Quote(table.Name)} AS t{joins} WHERE {string.Join(" AND ", filters)} ORDER BY {order}{string.Join(", ", _model.Handle(table).Select(h => h.Sql("t")))} LIMIT {ListLimit}"],
                Report = Report(table) with { Empty = $"There are no {Words(rows)} for that {Words(_model.Entity(parent))}." },
            });
            Lists.Add(new SchemaListTool(tool, parent, table, parameter, table, key.Column) { ByDate = byDate });
        }
    }

    /// <summary>A many-to-many list: the rows of <paramref name="to"/>'s parent linked to one row of <paramref name="from"/>'s parent.</summary>
    private void WriteList(TableProfile junction, ForeignKeyProfile from, ForeignKeyProfile to)
    {
        if (_model.Find(from.Parent) is not { } parent || _model.Find(to.Parent) is not { } target || ParentParameter(parent, from) is not { } parameter) return;
        if (_model.Field(target, to.ParentColumn) is null) return;
        var rows = SchemaNames.Plural(_model.Entity(target));
        var (select, joins) = Projection(target, "t");
        var tool = Add(new ToolSpec
        {
            Name = Unique($"list_{_model.Entity(parent)}_{Suffix(_model.Entity(parent), rows)}"),
            Description = $"List the {Words(rows)} of a {Words(_model.Entity(parent))} (at most {ListLimit}).",
            Parameters = SchemaParameter.Schema([new SchemaParameter(parameter.Alias, parameter.JsonType, $"The {Words(_model.Entity(parent))}'s {parameter.Words}.")]),
            Returns = ToolReturns.Many,
            Sql = [$"SELECT {select} FROM {SqlText.Quote(junction.Name)} AS j JOIN {SqlText.Quote(target.Name)} AS t ON t.{SqlText.Quote(to.ParentColumn)} = j.{SqlText.Quote(to.Column)}{joins} WHERE j.{SqlText.Quote(from.Column)} = :{parameter.Alias} ORDER BY {string.Join(", ", _model.Handle(target).Select(h => h.Sql("t")))} LIMIT {ListLimit}"],
            Report = Report(target) with { Empty = $"There are no {Words(rows)} for that {Words(_model.Entity(parent))}." },
        });
        Lists.Add(new SchemaListTool(tool, parent, target, parameter, junction, from.Column));
    }

    /// <summary>The parameter naming a parent row: the parent's own key field when the key points at it.</summary>
    private SchemaField? ParentParameter(TableProfile parent, ForeignKeyProfile key)
    {
        var handle = _model.Handle(parent);
        if (handle.Count == 1 && handle[0].Column == key.ParentColumn) return handle[0];
        return _model.Field(parent, key.ParentColumn) is { Kind: not ColumnKind.Blob } field ? field with { AsDate = false } : null;
    }

    private SchemaUpdateTool WriteUpdate(TableProfile table, ColumnProfile column, IReadOnlyList<string> values, string kind)
    {
        var entity = _model.Entity(table);
        var field = _model.Field(table, column.Name)! with { AsDate = false };
        var handle = _model.Handle(table);
        var where = string.Join(" AND ", handle.Select(h => $"{h.Target} = :{h.Alias}"));
        var from = SqlText.Quote(table.Name);
        var value = new SchemaParameter(field.Alias, field.JsonType, $"The new {field.Words}.")
        {
            Enum = kind == "status" ? values : [],
            Minimum = kind == "quantity" ? Math.Max(0, column.Minimum ?? 0) : column.Minimum,
        };
        var preconditions = new List<Precondition>
        {
            new() { Sql = $"SELECT 1 FROM {from} WHERE {where}", Error = ToolErrorKind.NoRows, Message = $"There is no {Words(entity)} {string.Join(" / ", handle.Select(h => "{" + h.Alias + "}"))}." },
        };
        if (kind == "status")
        {
            preconditions.Add(new Precondition { Sql = $"SELECT COALESCE({field.Target} <> :{field.Alias}, 1) FROM {from} WHERE {where}", Message = $"That {Words(entity)} already has {field.Words} {{{field.Alias}}}." });
        }
        else if (kind == "quantity")
        {
            preconditions.Add(new Precondition { Sql = $"SELECT :{field.Alias} >= {value.Minimum!.Value.ToString(CultureInfo.InvariantCulture)}", Message = $"The {field.Words} can't be below {value.Minimum!.Value.ToString(CultureInfo.InvariantCulture)}." });
        }
        var label = _model.Label(table);
        var shown = handle.Concat(label is null || label.Alias == field.Alias ? [] : [label]).Append(field);
        var tool = Add(new ToolSpec
        {
            Name = Unique($"update_{entity}_{Suffix(entity, field.Alias)}"),
            Description = $"Change the {field.Words} of a {Words(entity)}{(kind == "status" ? $" to one of: {string.Join(", ", values)}" : kind == "quantity" ? $" (at least {value.Minimum!.Value.ToString(CultureInfo.InvariantCulture)})" : "")}.",
            Access = ToolAccess.Write,
            Parameters = SchemaParameter.Schema([.. handle.Select(h => new SchemaParameter(h.Alias, h.JsonType, $"The {Words(entity)}'s {h.Words}.")), value]),
            Returns = ToolReturns.One,
            Preconditions = preconditions,
            Sql = [$"UPDATE {from} SET {field.Target} = :{field.Alias} WHERE {where}", $"SELECT {string.Join(", ", shown.Select(f => $"{f.Sql()} AS {f.Alias}"))} FROM {from} WHERE {where}"],
            Report = new ToolReport
            {
                Confirm = $"set the {field.Words} of {Words(entity)} {string.Join(" / ", handle.Select(h => "{" + h.Alias + "}"))} to {{{field.Alias}}}",
                Done = $"{Words(entity)} {string.Join(" / ", handle.Select(h => "{" + h.Alias + "}"))} now has {field.Words} {{{field.Alias}}}",
            },
        });
        return new SchemaUpdateTool(tool, table, field, values);
    }

    private SchemaInsertTool? WriteInsert(TableProfile principal, TableProfile table, ForeignKeyProfile toPrincipal)
    {
        var handle = _model.Handle(principal);
        if (!table.HasRowId || handle.Count != 1 || handle[0].Column != toPrincipal.ParentColumn) return null;
        var key = table.Key;
        if (key.Count > 1 || (key.Count == 1 && key[0].Kind != ColumnKind.Integer)) return null;
        var entity = _model.Entity(table);
        var from = SqlText.Quote(table.Name);
        var columns = new List<string>();
        var values = new List<string>();
        var parameters = new List<SchemaParameter> { new(handle[0].Alias, handle[0].JsonType, $"The {Words(_model.Entity(principal))}'s {handle[0].Words}.") };
        var preconditions = new List<Precondition>
        {
            new() { Sql = $"SELECT 1 FROM {SqlText.Quote(principal.Name)} WHERE {handle[0].Target} = :{handle[0].Alias}", Error = ToolErrorKind.NoRows, Message = $"There is no {Words(_model.Entity(principal))} {{{handle[0].Alias}}}." },
        };
        var choices = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        (TableProfile, SchemaField)? other = null;
        var dated = false;
        var status = _model.Status(table);
        foreach (var column in table.Columns)
        {
            var q = SqlText.Quote(column.Name);
            if (column.PrimaryKey > 0)
            {
                columns.Add(q);
                values.Add($"(SELECT COALESCE(MAX({q}), 0) + 1 FROM {from})");
                continue;
            }
            if (column.Name == toPrincipal.Column)
            {
                columns.Add(q);
                values.Add(":" + handle[0].Alias);
                continue;
            }
            var needed = column.NotNull && !column.HasDefault;
            if (table.ForeignKeyOn(column.Name) is { } fk)
            {
                if (!needed) continue;
                // One other parent, named by the user through its label and found with its search tool.
                if (other is not null || _model.Find(fk.Parent) is not { } parent || !Search.ContainsKey(parent.Name) || ParentParameter(parent, fk) is not { } p) return null;
                other = (parent, p);
                columns.Add(q);
                values.Add(":" + p.Alias);
                parameters.Add(new SchemaParameter(p.Alias, p.JsonType, $"The {Words(_model.Entity(parent))}'s {p.Words}."));
                preconditions.Add(new Precondition { Sql = $"SELECT 1 FROM {SqlText.Quote(parent.Name)} WHERE {SqlText.Quote(fk.ParentColumn)} = :{p.Alias}", Error = ToolErrorKind.NoRows, Message = $"There is no {Words(_model.Entity(parent))} {{{p.Alias}}}." });
                continue;
            }
            if (column.Kind == ColumnKind.Date && (needed || !dated))
            {
                dated = true;
                columns.Add(q);
                values.Add(":today");
                continue;
            }
            if (status is not null && column.Name == status.Name && Values(status) is { Count: > 0 } states)
            {
                columns.Add(q);
                values.Add(column.Kind == ColumnKind.Integer && long.TryParse(states[0], out _) ? states[0] : $"'{states[0].Replace("'", "''", StringComparison.Ordinal)}'");
                continue;
            }
            if (!needed) continue;
            if (column.Kind == ColumnKind.Blob) return null;
            var field = _model.Field(table, column.Name)!;
            var drawn = column.Allowed.Count > 0 ? column.Allowed : column.TopValues.Take(MaxChoices).ToList();
            if (drawn.Count == 0) return null;
            columns.Add(q);
            values.Add(":" + field.Alias);
            parameters.Add(new SchemaParameter(field.Alias, field.JsonType, $"The {field.Words}.") { Enum = column.Allowed, Minimum = column.Minimum });
            choices[field.Alias] = drawn;
        }
        var (select, joins) = Projection(table, "t");
        var tool = Add(new ToolSpec
        {
            Name = Unique($"add_{entity}"),
            Description = $"Add a new {Words(entity)} for a {Words(_model.Entity(principal))}{(dated ? ", dated today" : "")}.",
            Access = ToolAccess.Write,
            Parameters = SchemaParameter.Schema(parameters),
            Returns = ToolReturns.One,
            Preconditions = preconditions,
            Sql = [$"INSERT INTO {from} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", values)})", $"SELECT {select} FROM {from} AS t{joins} WHERE t.rowid = last_insert_rowid()"],
            Report = new ToolReport
            {
                Confirm = $"add a new {Words(entity)}{string.Concat(parameters.Skip(1).Select(p => $", {SchemaNames.Words(p.Name)} {{{p.Name}}}"))}",
                Done = $"the new {Words(entity)} is recorded as {string.Join(" / ", _model.Handle(table).Select(h => $"{h.Words} {{{h.Alias}}}"))}",
            },
        });
        return new SchemaInsertTool(tool, table, handle[0]) { Other = other, Values = choices };
    }

    /// <summary>Every exposed column, plus the labels of the rows its foreign keys point at.</summary>
    private (string Select, string Joins) Projection(TableProfile table, string qualifier)
    {
        var fields = _model.Fields(table).Select(f => $"{f.Sql(qualifier)} AS {f.Alias}").ToList();
        var aliases = _model.Fields(table).Select(f => f.Alias).ToHashSet(StringComparer.Ordinal);
        var joins = new System.Text.StringBuilder();
        var n = 0;
        foreach (var key in table.ForeignKeys.Where(k => k.Parent != table.Name))
        {
            if (n >= MaxJoins || _model.Find(key.Parent) is not { } parent || _model.Label(parent) is not { } label || !aliases.Add(label.Alias)) continue;
            var j = $"{qualifier}{++n}";
            joins.Append($" LEFT JOIN {SqlText.Quote(parent.Name)} AS {j} ON {j}.{SqlText.Quote(key.ParentColumn)} = {qualifier}.{SqlText.Quote(key.Column)}");
            fields.Add($"{label.Sql(j)} AS {label.Alias}");
        }
        return (string.Join(", ", fields), joins.ToString());
    }

    /// <summary>Optional status and date-range filters; true when a date range was added.</summary>
    private bool AddFilters(TableProfile table, string qualifier, List<SchemaParameter> parameters, List<string> filters)
    {
        if (_model.Status(table) is { } status && Values(status) is { Count: >= 2 } values && _model.Field(table, status.Name) is { } field)
        {
            parameters.Add(new SchemaParameter(field.Alias, field.JsonType, $"Only those with this {field.Words}.", Required: false) { Enum = values });
            filters.Add($"(:{field.Alias} IS NULL OR {field.Sql(qualifier)} = :{field.Alias})");
        }
        if (_model.Date(table) is not { } date) return false;
        parameters.Add(new SchemaParameter("from_date", "string", $"Only those with {date.Words} on or after this date (YYYY-MM-DD).", Required: false));
        parameters.Add(new SchemaParameter("to_date", "string", $"Only those with {date.Words} on or before this date (YYYY-MM-DD).", Required: false));
        filters.Add($"(:from_date IS NULL OR date({qualifier}.{SqlText.Quote(date.Column!)}) >= :from_date)");
        filters.Add($"(:to_date IS NULL OR date({qualifier}.{SqlText.Quote(date.Column!)}) <= :to_date)");
        return true;
    }

    private static string FilterWords(List<SchemaParameter> parameters)
    {
        var optional = parameters.Where(p => !p.Required).Select(p => p.Name).ToList();
        if (optional.Count == 0) return "";
        var words = optional.Where(n => n is not "from_date" and not "to_date").Select(n => SchemaNames.Words(n)).ToList();
        if (optional.Contains("from_date")) words.Add("a date range");
        return ", optionally by " + string.Join(" or ", words);
    }

    private ToolReport Report(TableProfile table)
    {
        var handle = _model.Handle(table);
        var label = _model.Label(table) ?? _model.Date(table);
        var id = string.Join(" / ", handle.Select(h => "{" + h.Alias + "}"));
        return new ToolReport { Row = label is null ? $"{Words(_model.Entity(table))} {id}" : $"{{{label.Alias}}} ({Words(_model.Entity(table))} {id})" };
    }

    private static IReadOnlyList<string> Values(ColumnProfile column) =>
        column.Allowed.Count > 0 ? column.Allowed : column.Distinct <= 8 ? [.. column.TopValues.Order(StringComparer.Ordinal)] : [];

    private static IReadOnlyList<string> QuantityValues(ColumnProfile column) =>
        [.. column.TopValues.Where(v => long.TryParse(v, out var n) && n >= Math.Max(0, column.Minimum ?? 0)).Take(MaxChoices).DefaultIfEmpty("5")];

    private static IReadOnlyList<string> ContactValues(string name) => name switch
    {
        _ when name.Contains("mail", StringComparison.Ordinal) => ["sam.rivera@example.org", "j.okafor@example.net", "mia.lindqvist@example.com", "ravi.menon@example.org"],
        _ when name.Contains("city", StringComparison.Ordinal) || name.Contains("stadt", StringComparison.Ordinal) => ["Lisbon", "Toronto", "Melbourne", "Leeds", "Austin"],
        _ when name.Contains("address", StringComparison.Ordinal) || name.Contains("street", StringComparison.Ordinal) || name.Contains("strasse", StringComparison.Ordinal) || name.Contains("adresse", StringComparison.Ordinal)
            => ["14 Harbour Road", "221 Baker Street", "9 Elm Court", "77 Station Avenue"],
        _ => ["+1 555 201 7788", "+1 555 310 4421", "+44 20 7946 0321", "+61 2 9876 5432"],
    };

    private ToolSpec Add(ToolSpec tool)
    {
        Tools.Add(tool);
        return tool;
    }

    private string Unique(string name)
    {
        var candidate = name;
        for (var n = 2; !_names.Add(candidate); n++) candidate = $"{name}_{n}";
        return candidate;
    }

    /// <summary>A field's name without its table's prefix, for tool names: <c>invoice_status</c> on invoice → <c>status</c>.</summary>
    private static string Suffix(string entity, string alias) =>
        alias.StartsWith(entity + "_", StringComparison.Ordinal) && alias.Length > entity.Length + 1 ? alias[(entity.Length + 1)..] : alias;

    private static string Words(string snake) => SchemaNames.Words(snake);
}
