using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Parley.Text;
using Parley.Tools;

namespace Parley.Simulation;

/// <summary>Words tool results and actions for the rule-based agent, from each tool's <see cref="ToolReport"/> templates.</summary>
internal static partial class ResultRenderer
{
    // A user picks from what they were shown: a list of a user's own records is shown in full up to this many rows.
    private const int MaxListed = 12;

    /// <summary>
    /// Fills <c>{name}</c> placeholders from <paramref name="values"/>; null when one is missing. A part in
    /// <c>[[…]]</c> is optional: it is left out when one of its placeholders has no value. Inside a placeholder,
    /// <c>&lt;name&gt;</c> is replaced by that value first (letters and digits kept, the rest as '_'), so
    /// <c>{fare_&lt;cabin&gt;}</c> reads <c>fare_business</c> when the cabin is business.
    /// </summary>
    public static string? Fill(string? template, Func<string, string?> values)
    {
        if (template is null) return null;
        template = Indirect().Replace(template, m => values(m.Groups["name"].Value) is { } v
            ? string.Concat(v.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_'))
            : "\u0000");
        template = Optional().Replace(template, m => Placeholders.Fill(m.Groups["part"].Value, values) is { } part && !part.Contains('\u0000') ? part : "");
        return template.Contains('\u0000') ? null : Placeholders.Fill(template, values);
    }

    [GeneratedRegex(@"<(?<name>\w+)>")]
    private static partial Regex Indirect();

    [GeneratedRegex(@"\[\[(?<part>.*?)\]\]")]
    private static partial Regex Optional();

    /// <summary>Describes one row with the tool's row template, or its first columns.</summary>
    public static string Row(ToolSpec tool, JsonElement row) =>
        Fill(tool.Report?.Row, name => row.TryGetProperty(name, out var v) ? SqlValue.Text(v) : null) ?? Details(row, 4);

    /// <summary>Every column of a row, as "label: value" pairs.</summary>
    public static string Details(JsonElement row, int max = int.MaxValue) =>
        string.Join("; ", row.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null).Take(max).Select(p => $"{FactLabel.Of(p.Name)}: {SqlValue.Text(p.Value)}"));

    /// <summary>Summarises a successful result (read or write) in a sentence or a short list.</summary>
    public static string Summarise(ToolSpec tool, string json, Func<string, string?> context, string intro, string listIntro)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (tool.Access == ToolAccess.Write)
        {
            var row = root.ValueKind == JsonValueKind.Object ? root : default;
            return Fill(tool.Report?.Done, name => row.ValueKind == JsonValueKind.Object && row.TryGetProperty(name, out var v) ? SqlValue.Text(v) : context(name))
                ?? (row.ValueKind == JsonValueKind.Object && !row.TryGetProperty("affected_rows", out _) ? $"done: {Row(tool, row)}" : "the change is done");
        }
        if (root.ValueKind == JsonValueKind.Object) return $"{intro} {Row(tool, root)}.";
        var rows = root.EnumerateArray().ToList();
        if (rows.Count == 0) return tool.Report?.Empty ?? "I couldn't find any matching records.";
        if (rows.Count == 1) return $"{intro} {Row(tool, rows[0])}.";
        var text = new StringBuilder(Placeholders.Substitute(listIntro, name => name == "count" ? rows.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) : null));
        foreach (var row in rows.Take(MaxListed)) text.Append("\n- ").Append(Row(tool, row));
        if (rows.Count > MaxListed) text.Append($"\n…and {rows.Count - MaxListed} more.");
        return text.ToString();
    }

    /// <summary>Capitalises the first letter of each sentence (templates often start a sentence with a lower-case row description).</summary>
    public static string Sentences(string text) => SentenceStart().Replace(text, m => m.Value.ToUpperInvariant());

    // A word written with a capital inside ("iPhone", "eBay") keeps its own spelling.
    [GeneratedRegex(@"(?<=^|[.!?]\s|\n- |\n\n)\p{Ll}(?![\p{L}\d-]*\p{Lu})")]
    private static partial Regex SentenceStart();
}
