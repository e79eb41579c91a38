using System.Collections.Frozen;
using System.Globalization;
using Bogus;
using Parley.Determinism;
using Parley.Text;
using Parley.Tools;

namespace Parley.Environments;

/// <summary>Generates seed rows from <see cref="SeedSpec"/> rules with Bogus; the same seed gives the same rows.</summary>
internal static class SeedGenerator
{
    private static readonly FrozenDictionary<string, Func<Faker, string>> Fakes = new Dictionary<string, Func<Faker, string>>
    {
        ["first_name"] = f => f.Name.FirstName(),
        ["last_name"] = f => f.Name.LastName(),
        ["full_name"] = f => f.Name.FullName(),
        ["email"] = f => f.Internet.Email().ToLowerInvariant(),
        ["phone"] = f => f.Phone.PhoneNumber("###-###-####"),
        ["city"] = f => f.Address.City(),
        ["street"] = f => f.Address.StreetAddress(),
        ["zip"] = f => f.Address.ZipCode("#####"),
        ["country"] = f => f.Address.Country(),
        ["company"] = f => f.Company.CompanyName(),
        ["product"] = f => f.Commerce.ProductName(),
        ["department"] = f => f.Commerce.Department(1),
        ["job_title"] = f => f.Name.JobTitle(),
        ["word"] = f => f.Lorem.Word(),
        ["sentence"] = f => f.Lorem.Sentence(6),
        ["color"] = f => f.Commerce.Color(),
        ["username"] = f => f.Internet.UserName().ToLowerInvariant(),
        ["book_title"] = f => $"The {f.Commerce.ProductAdjective()} {f.Hacker.Noun()}",
        ["hostname"] = f => $"{f.Hacker.Noun().Replace(' ', '-')}-{f.Random.Number(10, 99)}".ToLowerInvariant(),
        ["ip"] = f => f.Internet.Ip(),
        ["iban"] = f => f.Finance.Iban(),
        ["catch_phrase"] = f => f.Company.CatchPhrase(),
    }.ToFrozenDictionary();

    /// <summary>The names a <see cref="ColumnRule.Fake"/> may use.</summary>
    public static IEnumerable<string> FakeNames => Fakes.Keys.Order(StringComparer.Ordinal);

    /// <summary>Generates every table's rows; <paramref name="scale"/> multiplies the row counts.</summary>
    public static IReadOnlyDictionary<string, TableData> Generate(SeedSpec spec, DateOnly today, ulong seed, double scale)
    {
        var rng = new SeededRandom(seed);
        var faker = new Faker { Random = new Randomizer(rng.NextSeed()) };
        var tables = new Dictionary<string, TableData>(StringComparer.Ordinal);
        foreach (var table in spec.Tables)
        {
            tables[table.Table] = GenerateTable(table, tables, today, rng, faker, scale);
        }
        return tables;
    }

    private static TableData GenerateTable(TableSeed table, Dictionary<string, TableData> done, DateOnly today, SeededRandom rng, Faker faker, double scale)
    {
        var wanted = table.Fixed ? table.Rows : Math.Max(1, Math.Round(table.Rows * scale));
        if (!(wanted <= SandboxLimits.MaxSeedRowsPerTable))
        {
            throw ParleyException.InvalidEnvironment($"table '{table.Table}' would get {wanted:0} rows; at most {SandboxLimits.MaxSeedRowsPerTable} are allowed (lower --scale or the seed's row count)");
        }
        var count = (int)wanted;
        var names = table.Columns.Keys.ToArray();
        var inserted = names.Where(n => !n.StartsWith('_')).ToArray();
        var rows = new List<IReadOnlyList<object?>>(count);
        var unused = new Dictionary<string, List<object?>>();
        for (var r = 0; r < count; r++)
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var name in names)
            {
                var rule = table.Columns[name];
                try
                {
                    row[name] = rule.NullRate > 0 && rng.Chance(rule.NullRate) ? null : Value(rule, name, r, row, done, unused, today, rng, faker);
                }
                catch (Exception e) when (e is not ParleyException)
                {
                    throw ParleyException.InvalidEnvironment($"seed rule {table.Table}.{name}: {e.Message}");
                }
            }
            rows.Add([.. inserted.Select(n => row[n])]);
        }
        return new TableData(inserted, rows);
    }

    private static object? Value(ColumnRule rule, string name, int index, Dictionary<string, object?> row,
        Dictionary<string, TableData> done, Dictionary<string, List<object?>> unused, DateOnly today, SeededRandom rng, Faker faker)
    {
        object? value = rule switch
        {
            { Seq: { } start } => start + index,
            { Fake: { } fake } => Fakes.TryGetValue(fake, out var f) ? f(faker) : throw new FormatException($"unknown fake '{fake}'; known: {string.Join(", ", FakeNames)}"),
            { Pick: { Count: > 0 } pick } when rule.Unique => Draw(unused, name, pick, rng),
            { Pick: { Count: > 0 } pick } => pick[rule.Weights is { } w && w.Count == pick.Count ? rng.PickWeighted(w) : rng.Next(pick.Count)],
            { Int: [var min, var max] } => rng.NextInRange(min, max),
            { Decimal: [var min, var max] } => Math.Round(min + rng.NextDouble() * (max - min), 2),
            { Days: [var min, var max] } => today.AddDays((int)rng.NextInRange(min, max)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            { Ref: { } reference } => Reference(reference, rule.Unique, done, unused, rng),
            { Format: { } format } => Fill(format, row),
            { Pattern: { } pattern } => Pattern(pattern, rng),
            { Const: var constant } when rule.Const is not null => constant,
            _ => throw new FormatException("no generator set (seq, fake, pick, int, decimal, days, ref, format, pattern or const)"),
        };
        return rule.Lower && value is string s ? s.ToLowerInvariant() : value;
    }

    private static object? Reference(string reference, bool unique, Dictionary<string, TableData> done, Dictionary<string, List<object?>> unused, SeededRandom rng)
    {
        var dot = reference.IndexOf('.');
        if (dot < 0 || !done.TryGetValue(reference[..dot], out var parent))
        {
            throw new FormatException($"ref '{reference}' must name an earlier table as table.column");
        }
        var column = IndexOf(parent.Columns, reference[(dot + 1)..]);
        if (column < 0) throw new FormatException($"ref '{reference}': no such column");
        var values = parent.Rows.Select(r => r[column]).ToList();
        return unique ? Draw(unused, reference, values, rng) : values[rng.Next(values.Count)];
    }

    private static object? Draw(Dictionary<string, List<object?>> unused, string key, IReadOnlyList<object?> all, SeededRandom rng)
    {
        if (!unused.TryGetValue(key, out var pool) || pool.Count == 0)
        {
            unused[key] = pool = [.. all];
        }
        var i = rng.Next(pool.Count);
        var value = pool[i];
        pool.RemoveAt(i);
        return value;
    }

    private static int IndexOf(IReadOnlyList<string> columns, string name)
    {
        for (var i = 0; i < columns.Count; i++) if (columns[i] == name) return i;
        return -1;
    }

    private static string Fill(string format, Dictionary<string, object?> row)
    {
        return Placeholders.Substitute(format, key => row.TryGetValue(key, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) : null);
    }

    private static string Pattern(string pattern, SeededRandom rng) => string.Create(pattern.Length, rng, (span, r) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = pattern[i] switch
            {
                '#' => (char)('0' + r.Next(10)),
                '?' => (char)('A' + r.Next(26)),
                var c => c,
            };
        }
    });
}
