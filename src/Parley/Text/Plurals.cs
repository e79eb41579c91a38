using System.Text.RegularExpressions;

namespace Parley.Text;

/// <summary>
/// Resolves a template's <c>(s)</c> from the number before it: "1 guest(s)" → "1 guest", "2 working day(s)" →
/// "2 working days"; without a number the plural is used. Templates mark countable nouns this way so the words
/// agree with the data.
/// </summary>
internal static partial class Plurals
{
    /// <summary>Replaces every <c>word(s)</c> in <paramref name="text"/> with the form its count calls for.</summary>
    public static string Resolve(string text)
    {
        if (!text.Contains("(s)", StringComparison.Ordinal)) return text;
        text = Counted().Replace(text, m => m.Groups["n"].Value is "1" or "1.0" or "one"
            ? m.Groups["head"].Value + m.Groups["word"].Value
            : m.Groups["head"].Value + Plural(m.Groups["word"].Value));
        return Bare().Replace(text, m => Plural(m.Groups["word"].Value));
    }

    private static string Plural(string word) =>
        word.EndsWith('y') && word.Length > 1 && !"aeiou".Contains(word[^2]) ? word[..^1] + "ies"
        : word.EndsWith('s') || word.EndsWith('x') || word.EndsWith("ch", StringComparison.Ordinal) || word.EndsWith("sh", StringComparison.Ordinal) ? word + "es"
        : word + "s";

    [GeneratedRegex(@"(?<head>\b(?<n>\d+(?:\.\d+)?|one)\b(?: [\p{L}-]+){0,2}? )(?<word>\p{L}+)\(s\)")]
    private static partial Regex Counted();

    [GeneratedRegex(@"(?<word>\p{L}+)\(s\)")]
    private static partial Regex Bare();
}
