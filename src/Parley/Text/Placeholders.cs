using System.Text;

namespace Parley.Text;

/// <summary>
/// The one placeholder filler: <c>{name}</c> (or <c>{{name}}</c>) placeholders in templates, filled by one scan without
/// regular expressions. A name is a letter or '_' then letters, digits or '_'; other braces are kept as they are.
/// </summary>
internal static class Placeholders
{
    /// <summary>
    /// Fills every <c>{name}</c> with <paramref name="value"/>'s answer; null when any answer is null. A <c>word(s)</c>
    /// then agrees with the number before it (<see cref="Plurals"/>). For data-driven templates, where a missing value
    /// means "this template does not fit".
    /// </summary>
    /// <param name="template">The template.</param>
    /// <param name="value">The value of a placeholder, or null when it has none.</param>
    /// <param name="used">Receives each placeholder name filled, once, in order of first use.</param>
    public static string? Fill(string template, Func<string, string?> value, List<string>? used = null) =>
        Scan(template, "{", "}", value, used, escapes: false) is { } text ? Plurals.Resolve(text) : null;

    /// <summary>
    /// Replaces each <c>{name}</c> that <paramref name="value"/> answers and keeps the others as written, byte for byte
    /// otherwise: for phrase banks and seed formats whose slots are optional.
    /// </summary>
    /// <param name="template">The template.</param>
    /// <param name="value">The value of a placeholder, or null to keep it as written.</param>
    public static string Substitute(string template, Func<string, string?> value) =>
        Scan(template, "{", "}", name => value(name) ?? "{" + name + "}", null, escapes: false)!;

    /// <summary>
    /// Fills every placeholder of <paramref name="template"/> from <paramref name="values"/>, strictly: a placeholder
    /// without a value is a bug and throws. <c>\{name}</c> (single braces only) is sent as a literal <c>{name}</c>. The
    /// text is otherwise kept byte for byte (no plural agreement).
    /// </summary>
    /// <param name="template">The template.</param>
    /// <param name="values">A value for every placeholder the template names.</param>
    /// <param name="source">The template's name, for the error.</param>
    /// <param name="doubled">True for <c>{{name}}</c> placeholders (templates full of single braces, such as HTML).</param>
    /// <exception cref="InvalidOperationException">The template names a placeholder that has no value.</exception>
    public static string Render(string template, IReadOnlyDictionary<string, string> values, string source, bool doubled = false) =>
        Scan(template, doubled ? "{{" : "{", doubled ? "}}" : "}",
            name => values.TryGetValue(name, out var v) ? v : throw new InvalidOperationException($"{source}: no value for the placeholder {{{name}}}"),
            null, escapes: !doubled)!;

    private static string? Scan(string template, string open, string close, Func<string, string?> value, List<string>? used, bool escapes)
    {
        var start = template.IndexOf(open, StringComparison.Ordinal);
        if (start < 0) return template;
        var text = new StringBuilder(template.Length + 32);
        var from = 0;
        var end = -1;
        HashSet<string>? seen = null;
        while (start >= 0)
        {
            // Linear in the template: the next close is found once and reused by every open before it, and a name is
            // scanned only up to the first character that cannot be in one.
            if (end < start && (end = template.IndexOf(close, start + open.Length, StringComparison.Ordinal)) < 0) break;
            var name = template.AsSpan(start + open.Length, end - start - open.Length);
            if (IsName(name))
            {
                var key = name.ToString();
                if (escapes && start > 0 && template[start - 1] == '\\')
                {
                    text.Append(template, from, start - 1 - from).Append(template, start, end + close.Length - start);
                }
                else
                {
                    if (value(key) is not { } filled) return null;
                    text.Append(template, from, start - from).Append(filled);
                    if (used is not null && IsNew(key)) used.Add(key);
                }
                from = end + close.Length;
            }
            start = template.IndexOf(open, start + 1, StringComparison.Ordinal);
        }
        return text.Append(template, from, template.Length - from).ToString();

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
