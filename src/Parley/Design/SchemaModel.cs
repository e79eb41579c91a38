using Parley.Tools;
using System.Text.RegularExpressions;

namespace Parley.Design;

/// <summary>
/// A brought database read for tool writing: per table its entity name, the fields it exposes (BLOBs never), the
/// handle that addresses one row (its key, all parts of a composite key, or the rowid), the label people call a row
/// by, and its status-like, quantity-like and date columns; and the principal — the table whose rows most others
/// belong to through foreign keys, preferring people (customers, owners) as the simulated user.
/// </summary>
internal sealed partial class SchemaModel
{
    private readonly Dictionary<string, string> _entities = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), SchemaField> _fields = [];

    public SchemaModel(IReadOnlyList<TableProfile> tables)
    {
        Tables = [.. tables.Where(t => t.Rows > 0)];
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in Tables)
        {
            var entity = SchemaNames.Entity(table.Name);
            for (var n = 2; !taken.Add(entity); n++) entity = SchemaNames.Entity(table.Name) + "_" + n;
            _entities[table.Name] = entity;
        }
        foreach (var table in Tables)
        {
            var used = new HashSet<string>(StringComparer.Ordinal);
            if (table.Key.Count == 0) used.Add(RowIdAlias(table));
            foreach (var column in table.Columns.Where(c => c.Kind != ColumnKind.Blob))
            {
                var alias = AliasOf(table, column);
                for (var n = 2; !used.Add(alias); n++) alias = AliasOf(table, column) + "_" + n;
                _fields[(table.Name, column.Name)] = new SchemaField(alias, column.Name, column.Kind, column.MidnightDates);
            }
        }
        Principal = ChoosePrincipal();
    }

    /// <summary>Tables with rows, in creation order.</summary>
    public IReadOnlyList<TableProfile> Tables { get; }

    /// <summary>The simulated user's table, or null when no table has others belonging to it.</summary>
    public TableProfile? Principal { get; }

    /// <summary>The table's singular snake name, unique in the database.</summary>
    public string Entity(TableProfile table) => _entities[table.Name];

    /// <summary>The table by name, or null (a foreign key to a table without rows).</summary>
    public TableProfile? Find(string name) => Tables.FirstOrDefault(t => t.Name == name);

    /// <summary>The field of a column, or null for a BLOB.</summary>
    public SchemaField? Field(TableProfile table, string column) => _fields.GetValueOrDefault((table.Name, column));

    /// <summary>Every exposed field: the rowid first for a table without a key, then the columns that are not BLOBs.</summary>
    public IReadOnlyList<SchemaField> Fields(TableProfile table) =>
        [.. (table.Key.Count == 0 ? [RowId(table)] : Array.Empty<SchemaField>()), .. table.Columns.Select(c => Field(table, c.Name)).OfType<SchemaField>()];

    /// <summary>What addresses one row: the key's columns, or the rowid when there is no key.</summary>
    public IReadOnlyList<SchemaField> Handle(TableProfile table) =>
        table.Key.Count == 0 ? [RowId(table)] : [.. table.Key.Select(c => Field(table, c.Name)).OfType<SchemaField>()];

    /// <summary>The foreign keys that point at <paramref name="parent"/> from other tables with rows.</summary>
    public IEnumerable<(TableProfile Child, ForeignKeyProfile Key)> Children(TableProfile parent) =>
        Tables.Where(t => t.Name != parent.Name).SelectMany(t => t.ForeignKeys.Where(k => k.Parent == parent.Name).Select(k => (t, k)));

    /// <summary>The field people name a row by (a name or title), or null when the table has none.</summary>
    public SchemaField? Label(TableProfile table)
    {
        var candidates = table.Columns.Where(c => c.Kind == ColumnKind.Text && c.PrimaryKey == 0 && table.ForeignKeyOn(c.Name) is null
            && c.NonNull * 10 >= table.Rows * 9 && c.Distinct * 10 >= c.NonNull * 8 && c.TopValues.All(v => v.Length <= 80)).ToList();
        var named = candidates.FirstOrDefault(c => NameLike().IsMatch(SchemaNames.Snake(c.Name)));
        return named is not null ? Field(table, named.Name) : candidates.Select(c => Field(table, c.Name)).FirstOrDefault();
    }

    /// <summary>The first date column, or null.</summary>
    public SchemaField? Date(TableProfile table) =>
        table.Columns.Where(c => c.Kind == ColumnKind.Date && c.NonNull * 2 >= table.Rows && c.PrimaryKey == 0).Select(c => Field(table, c.Name)).FirstOrDefault();

    /// <summary>A status-like column (few values, named like a status, or closed by a CHECK), or null.</summary>
    public ColumnProfile? Status(TableProfile table) => table.Columns.FirstOrDefault(c =>
        c.Kind is ColumnKind.Text or ColumnKind.Integer && c.PrimaryKey == 0 && table.ForeignKeyOn(c.Name) is null
        && (c.Allowed.Count >= 2 || (StatusLike().IsMatch(SchemaNames.Snake(c.Name)) && c.Distinct is >= 2 and <= 8 && c.NonNull >= c.Distinct * 2)));

    /// <summary>A quantity-like whole-number column (stock, units, seats), or null.</summary>
    public ColumnProfile? Quantity(TableProfile table) => table.Columns.FirstOrDefault(c =>
        c.Kind == ColumnKind.Integer && c.PrimaryKey == 0 && table.ForeignKeyOn(c.Name) is null && c.NonNull > 0 && QuantityLike().IsMatch(SchemaNames.Snake(c.Name)));

    /// <summary>Contact details of a row that its owner may change (phone, address, email), other than <paramref name="except"/>.</summary>
    public IEnumerable<ColumnProfile> Contacts(TableProfile table, string? except) => table.Columns.Where(c =>
        c.Kind == ColumnKind.Text && c.Name != except && c.PrimaryKey == 0 && table.ForeignKeyOn(c.Name) is null && ContactLike().IsMatch(SchemaNames.Snake(c.Name)));

    /// <summary>
    /// The principal's own identifier for looking it up: a unique text column, an email-like one first; null when the
    /// user can only give the key.
    /// </summary>
    public SchemaField? Lookup(TableProfile table)
    {
        var unique = table.Columns.Where(c => c.Kind == ColumnKind.Text && c.PrimaryKey == 0 && table.ForeignKeyOn(c.Name) is null
            && (c.Unique || (c.NonNull == table.Rows && c.Distinct == table.Rows)) && table.Rows > 1).ToList();
        var best = unique.FirstOrDefault(c => MailLike().IsMatch(SchemaNames.Snake(c.Name)))
            ?? unique.FirstOrDefault(c => PhoneLike().IsMatch(SchemaNames.Snake(c.Name)))
            ?? unique.FirstOrDefault(c => c.Unique);
        return best is null ? null : Field(table, best.Name);
    }

    /// <summary>The people-name of a principal row: a name column, or first and last names joined.</summary>
    public string? NameSql(TableProfile table, string qualifier)
    {
        var snake = table.Columns.Where(c => c.Kind == ColumnKind.Text).Select(c => (c, s: SchemaNames.Snake(c.Name))).ToList();
        var first = snake.FirstOrDefault(x => FirstName().IsMatch(x.s)).c;
        var last = snake.FirstOrDefault(x => LastName().IsMatch(x.s)).c;
        if (first is not null && last is not null) return $"{qualifier}.{SqlText.Quote(first.Name)} || ' ' || {qualifier}.{SqlText.Quote(last.Name)}";
        return Label(table) is { } label ? label.Sql(qualifier) : null;
    }

    private SchemaField RowId(TableProfile table) => new(RowIdAlias(table), null, ColumnKind.Integer);

    private string RowIdAlias(TableProfile table)
    {
        var alias = Entity(table) + "_id";
        return table.Columns.Any(c => SchemaNames.Snake(c.Name) == alias) ? Entity(table) + "_rowid" : alias;
    }

    private string AliasOf(TableProfile table, ColumnProfile column)
    {
        var entity = Entity(table);
        var snake = SchemaNames.Snake(column.Name);
        if (table.ForeignKeyOn(column.Name) is { } key && Find(key.Parent) is { } parent && parent.Name != table.Name
            && SchemaNames.Snake(key.ParentColumn) is var target && (target == snake || target == "id"))
        {
            // A key named like the key it points at carries the parent's alias, so a lookup's result feeds the next call.
            return target == "id" ? Entity(parent) + "_id" : snake.StartsWith(Entity(parent), StringComparison.Ordinal) || KeyLike().IsMatch(snake) ? snake : Entity(parent) + "_" + snake;
        }
        if (column.PrimaryKey > 0 || table.ForeignKeyOn(column.Name) is not null)
        {
            if (snake == "id") return entity + "_id";
            if (snake.StartsWith(entity + "_", StringComparison.Ordinal) || KeyLike().IsMatch(snake)) return snake;
            return entity + "_" + snake;
        }
        return snake.StartsWith(entity + "_", StringComparison.Ordinal) || snake == entity ? snake : entity + "_" + snake;
    }

    private TableProfile? ChoosePrincipal()
    {
        TableProfile? best = null;
        var bestScore = 0.0;
        // People (customers, owners, patients) make the natural user; other tables only when the database has none.
        var people = Tables.Where(t => t.Columns.Any(c => PersonLike().IsMatch(SchemaNames.Snake(c.Name))) && Children(t).Any(c => !c.Child.IsJunction)).ToList();
        foreach (var table in people.Count > 0 ? people : Tables)
        {
            var children = Children(table).Where(c => !c.Child.IsJunction).ToList();
            if (children.Count == 0 || NameSql(table, "p") is null) continue;
            var rows = children.Sum(c => (double)c.Child.Rows + Children(c.Child).Sum(g => (double)g.Child.Rows));
            var score = rows + 10.0 * table.Rows;
            if (score > bestScore)
            {
                best = table;
                bestScore = score;
            }
        }
        return best;
    }

    [GeneratedRegex(@"(^|_)(name|title|label|full_name|company_name|product_name|bezeichnung|titel)$|name$")]
    private static partial Regex NameLike();

    [GeneratedRegex(@"(^|_)(status|state|stage|phase|condition|priority|flag|discontinued|active|approved)$|status")]
    private static partial Regex StatusLike();

    [GeneratedRegex(@"(quantit|qty|stock|units|inventory|seats|capacity|reorder|balance|menge|bestand)")]
    private static partial Regex QuantityLike();

    [GeneratedRegex(@"(phone|mobile|fax|e_?mail|address|city|telefon|handy|strasse|street|adresse)")]
    private static partial Regex ContactLike();

    [GeneratedRegex(@"(e_?mail|mail_?adresse)")]
    private static partial Regex MailLike();

    [GeneratedRegex(@"(phone|mobile|telefon|handy)")]
    private static partial Regex PhoneLike();

    [GeneratedRegex(@"(^|_)(first_?name|given_?name|forename|vorname)$")]
    private static partial Regex FirstName();

    [GeneratedRegex(@"(^|_)(last_?name|surname|family_?name|nachname)$")]
    private static partial Regex LastName();

    [GeneratedRegex(@"(e_?mail|phone|first_?name|last_?name|vorname|nachname|contact|birth|address|telefon)")]
    private static partial Regex PersonLike();

    [GeneratedRegex(@"_(id|code|key|no|number|nr)$")]
    private static partial Regex KeyLike();
}
