using System.Text;

namespace Parley.Text;

/// <summary><c>{name}</c> placeholders in templates: filled by one scan, without regular expressions.</summary>
internal static class Placeholders
{
    /// <summary>
    /// Fills every <c>{name}</c> (a letter or '_' then letters, digits or '_') with <paramref name="value"/>'s answer;
    /// null when any answer is null. Other braces are kept as they are. A <c>word(s)</c> then agrees with the number
    /// before it (<see cref="Plurals"/>).
    /// </summary>
    /// <param name="template">The template.</param>
    /// <param name="value">The value of a placeholder, or null when it has none.</param>
    /// <param name="used">Receives each placeholder name filled, once, in order of first use.</param>
    public static string? Fill(string template, Func<string, string?> value, List<string>? used = null)
    {
        var open = template.IndexOf('{');
        if (open < 0) return Plurals.Resolve(template);
        var text = new StringBuilder(template.Length + 32);
        var from = 0;
        var close = -1;
        HashSet<string>? seen = null;
        while (open >= 0)
        {
            // Linear in the template: the next '}' is found once and reused by every '{' before it, and a name is
            // scanned only up to the first character that cannot be in one.
            if (close < open && (close = template.IndexOf('}', open + 1)) < 0) break;
            var name = template.AsSpan(open + 1, close - open - 1);
            if (IsName(name))
            {
                var key = name.ToString();
                if (value(key) is not { } filled) return null;
                text.Append(template, from, open - from).Append(filled);
                if (used is not null && IsNew(key)) used.Add(key);
                from = close + 1;
            }
            open = template.IndexOf('{', open + 1);
        }
        return Plurals.Resolve(text.Append(template, from, template.Length - from).ToString());

        // A short list is searched; a long one gets a set, so a template with many distinct names stays linear.
        bool IsNew(string key)
        {
            if (seen is null && used!.Count < 16) return !used.Contains(key);
            seen ??= [.. used!];
            return seen.Add(key);
        }
    }

    private static bool IsName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || !(char.IsAsciiLetter(name[0]) || name[0] == '_')) return false;
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_')) return false;
        }
        return true;
    }
}
