using Parley.Determinism;
using Parley.Environments;
using Parley.Tools;

namespace Parley.Tasks;

/// <summary>
/// The limited view of the data an LLM planner grounds tasks in: one principal (the user) drawn from the environment's
/// principal query, the rows linked to them through key columns (their orders, those orders' items, the products those
/// items are), and a few rows of every other table.
/// </summary>
/// <remarks>
/// Links are found by column name, which every built-in and designed schema follows: a table's own key is its first
/// <c>*_id</c> column with distinct values; a row's children are rows of other tables holding its key; its parents are
/// the rows whose key it holds. Children are followed down from the principal and parents up from any shown row, never
/// back down, so the user's products are shown but not other customers' purchases of them.
/// </remarks>
internal sealed record RowSample(IReadOnlyDictionary<string, string> Principal, IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyList<object?>>> Rows)
{
    private const int Depth = 3, OtherRows = 2;

    /// <summary>Draws the principal with <paramref name="rng"/> and up to <paramref name="perTable"/> linked rows per table.</summary>
    public static RowSample Draw(EnvironmentDatabase env, SqliteSandbox db, SeededRandom rng, int perTable)
    {
        var principal = new Dictionary<string, string>(StringComparer.Ordinal);
        if (env.Spec.Principal is { } spec)
        {
            var names = SqlText.Parameters(spec.Sql).ToArray();
            var candidates = ScenarioTaskPlanner.Query(db, spec.Sql, names, [.. names.Select(n => n == "today" ? env.Spec.Today : null)]);
            if (candidates.Count == 0) throw ParleyException.NoFeasibleTask(env.Spec.Id, "the principal query returned no rows");
            principal = candidates[rng.Next(candidates.Count)];
        }
        var data = env.Data;
        var ownKey = data.ToDictionary(t => t.Key, t => OwnKey(t.Value), StringComparer.Ordinal);
        var picked = data.Keys.ToDictionary(t => t, _ => new List<int>(), StringComparer.Ordinal);
        var index = new Dictionary<(string, int), ILookup<string, int>>();
        // Rows of a table whose column holds a value, indexed once per column used.
        IEnumerable<int> Holding(string table, int column, string? value)
        {
            if (value is null || column < 0) return [];
            if (!index.TryGetValue((table, column), out var lookup))
            {
                index[(table, column)] = lookup = Enumerable.Range(0, data[table].Rows.Count)
                    .Where(i => Text(data[table], i, column) is not null).ToLookup(i => Text(data[table], i, column)!, StringComparer.Ordinal);
            }
            return lookup[value];
        }
        // Down: the user's rows and their children, followed further down. Up: parents, followed only further up, since
        // a parent's other children (other customers' purchases of a product) are not the user's.
        var frontier = new List<(string Table, int Row, bool Down)>();
        foreach (var (table, key) in ownKey)
        {
            if (key is null || !principal.TryGetValue(key, out var value)) continue;
            frontier.AddRange(Take(Holding(table, Column(data[table], key), value), picked[table], perTable, rng).Select(i => (table, i, true)));
        }
        var roots = frontier.Select(f => f.Table).ToHashSet(StringComparer.Ordinal);
        for (var depth = 0; depth < Depth * 2 && frontier.Count > 0; depth++)
        {
            var next = new List<(string, int, bool)>();
            foreach (var (table, row, down) in frontier)
            {
                foreach (var (other, otherData) in data)
                {
                    if (other == table) continue;
                    if (down && depth < Depth && ownKey[table] is { } key && Column(otherData, key) is var child and >= 0)
                    {
                        var value = Text(data[table], row, Column(data[table], key));
                        next.AddRange(Take(Holding(other, child, value), picked[other], perTable, rng).Select(i => (other, i, true)));
                    }
                    if (ownKey[other] is { } parentKey && parentKey != ownKey[table] && Column(data[table], parentKey) is var held and >= 0)
                    {
                        var parents = Take(Holding(other, Column(otherData, parentKey), Text(data[table], row, held)), picked[other], perTable, rng);
                        next.AddRange(parents.Select(i => (other, i, false)));
                    }
                }
            }
            frontier = next;
        }
        // A few unlinked rows of every table that is not the user's own (their orders, bookings): what the user might
        // pick from (products, free slots, flights), without other people's records to confuse with theirs.
        var own = OwnTables(data, ownKey, roots);
        foreach (var (table, rows) in picked.Where(p => !own.Contains(p.Key)))
        {
            Take(Enumerable.Range(0, data[table].Rows.Count), rows, rows.Count + OtherRows, rng);
        }
        var sample = picked.Where(p => p.Value.Count > 0).ToDictionary(p => p.Key,
            p => (IReadOnlyList<IReadOnlyList<object?>>)[.. p.Value.Order().Select(i => data[p.Key].Rows[i])], StringComparer.Ordinal);
        return new RowSample(principal, sample);
    }

    /// <summary>The user's own tables by schema: the ones their row is in, and every table holding the key of an own table.</summary>
    private static HashSet<string> OwnTables(IReadOnlyDictionary<string, TableData> data, Dictionary<string, string?> ownKey, HashSet<string> roots)
    {
        var own = new HashSet<string>(roots, StringComparer.Ordinal);
        for (var grown = true; grown;)
        {
            grown = false;
            foreach (var (table, rows) in data)
            {
                if (own.Contains(table)) continue;
                if (own.Any(o => ownKey[o] is { } key && key != ownKey[table] && rows.Columns.Contains(key))) grown = own.Add(table);
            }
        }
        return own;
    }

    /// <summary>Adds to <paramref name="picked"/> up to its <paramref name="limit"/> of <paramref name="rows"/>, drawn at random; returns the new ones.</summary>
    private static List<int> Take(IEnumerable<int> rows, List<int> picked, int limit, SeededRandom rng)
    {
        var room = limit - picked.Count;
        if (room <= 0) return [];
        var candidates = rows.Where(i => !picked.Contains(i)).ToList();
        var taken = new List<int>();
        while (taken.Count < room && candidates.Count > 0)
        {
            var k = rng.Next(candidates.Count);
            taken.Add(candidates[k]);
            candidates.RemoveAt(k);
        }
        picked.AddRange(taken);
        return taken;
    }

    private static string? OwnKey(TableData table)
    {
        for (var c = 0; c < table.Columns.Count; c++)
        {
            if (!table.Columns[c].EndsWith("_id", StringComparison.Ordinal)) continue;
            var values = table.Rows.Select(r => c < r.Count ? r[c] : null).ToList();
            if (values.All(v => v is not null) && values.Distinct().Count() == values.Count) return table.Columns[c];
        }
        return null;
    }

    private static int Column(TableData table, string name)
    {
        for (var c = 0; c < table.Columns.Count; c++)
        {
            if (table.Columns[c] == name) return c;
        }
        return -1;
    }

    private static string? Text(TableData table, int row, int column) =>
        column >= 0 && column < table.Rows[row].Count && table.Rows[row][column] is { } v ? SqlValue.Text(v) : null;
}
