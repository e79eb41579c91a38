using System.Text;

namespace Parley.Design;

/// <summary>
/// Names for what a rule-based designer writes over a brought database: snake_case ASCII names (for tools, parameters and result columns) derived from any table or column name.
/// </summary>
internal static class SchemaNames
{
    /// <summary>
    /// snake_case ASCII: camel humps and every non-alphanumeric run become '_', letters are folded to ASCII
    /// (<c>größe</c> → <c>groesse</c>), a leading digit gets a prefix. Never empty.
    /// </summary>
    public static string Snake(string name)
    {
        var text = new StringBuilder(name.Length + 8);
        var folded = Fold(name);
        for (var i = 0; i < folded.Length; i++)
        {
            var c = folded[i];
            if (char.IsAsciiLetterOrDigit(c))
            {
                var hump = char.IsAsciiLetterUpper(c) && i > 0 && (char.IsAsciiLetterLower(folded[i - 1]) || char.IsAsciiDigit(folded[i - 1])
                    || (char.IsAsciiLetterUpper(folded[i - 1]) && i + 1 < folded.Length && char.IsAsciiLetterLower(folded[i + 1])));
                if (hump && text.Length > 0 && text[^1] != '_') text.Append('_');
                text.Append(char.ToLowerInvariant(c));
            }
            else if (text.Length > 0 && text[^1] != '_')
            {
                text.Append('_');
            }
        }
        var snake = text.ToString().Trim('_');
        if (snake.Length == 0) return "x";
        return char.IsAsciiDigit(snake[0]) ? "n" + snake : snake;
    }

    /// <summary>The singular snake name of a table's rows: <c>Order Details</c> → <c>order_detail</c>, <c>Categories</c> → <c>category</c>.</summary>
    public static string Entity(string table)
    {
        var snake = Snake(table);
        var cut = snake.LastIndexOf('_') + 1;
        return snake[..cut] + Singular(snake[cut..]);
    }

    /// <summary>The plural of a snake name's last word: <c>invoice_line</c> → <c>invoice_lines</c>.</summary>
    public static string Plural(string entity)
    {
        if (entity.EndsWith('s') || entity.EndsWith('x') || entity.EndsWith("ch", StringComparison.Ordinal) || entity.EndsWith("sh", StringComparison.Ordinal)) return entity + "es";
        if (entity.Length > 1 && entity.EndsWith('y') && !"aeiou".Contains(entity[^2], StringComparison.Ordinal)) return entity[..^1] + "ies";
        return entity + "s";
    }

    /// <summary>A snake name as words: <c>invoice_line</c> → <c>invoice line</c>.</summary>
    public static string Words(string snake) => snake.Replace('_', ' ');

    private static string Singular(string word)
    {
        if (word.Length <= 3) return word;
        if (word.EndsWith("ies", StringComparison.Ordinal)) return word[..^3] + "y";
        if (word.EndsWith("sses", StringComparison.Ordinal) || word.EndsWith("ches", StringComparison.Ordinal) || word.EndsWith("shes", StringComparison.Ordinal) || word.EndsWith("xes", StringComparison.Ordinal)) return word[..^2];
        if (word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal) && !word.EndsWith("is", StringComparison.Ordinal)) return word[..^1];
        return word;
    }

    // Spelled out rather than Unicode-normalised: normalisation is unavailable under invariant globalisation.
    private const string Accented = "àáâãåāăąçćčďèéêëēėęěìíîïīįłñńňòóôõøōőŕřśšşťùúûūůűųýÿźżž";
    private const string Plain = "aaaaaaaacccdeeeeeeeeiiiiiilnnnooooooorrsssttuuuuuuuyyzzz";

    private static string Fold(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            var lower = char.ToLowerInvariant(c);
            var at = Accented.IndexOf(lower, StringComparison.Ordinal);
            switch (lower)
            {
                case 'ä': text.Append(c == lower ? "ae" : "Ae"); break;
                case 'ö': text.Append(c == lower ? "oe" : "Oe"); break;
                case 'ü': text.Append(c == lower ? "ue" : "Ue"); break;
                case 'æ': text.Append(c == lower ? "ae" : "Ae"); break;
                case 'œ': text.Append(c == lower ? "oe" : "Oe"); break;
                case 'ß': text.Append("ss"); break;
                default: text.Append(at < 0 ? c : c == lower ? Plain[at] : char.ToUpperInvariant(Plain[at])); break;
            }
        }
        return text.ToString();
    }
}
