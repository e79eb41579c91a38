using System.Text;

namespace Parley.Environments;

/// <summary>Normalises domain names, so "Pet Grooming", "pet-grooming" and "pet_groomings" count as one domain.</summary>
internal static class DomainNames
{
    /// <summary>The snake_case form: lower-case letters and digits, words joined by '_'.</summary>
    public static string Normalize(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name.Trim().ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) text.Append(c);
            else if (text.Length > 0 && text[^1] != '_') text.Append('_');
        }
        return text.ToString().Trim('_');
    }

    /// <summary>The key two names share when they name the same domain: words without plural 's', sorted.</summary>
    public static string Key(string name) =>
        string.Join('_', Normalize(name).Split('_', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Length > 3 && w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) ? w[..^1] : w)
            .Order(StringComparer.Ordinal));
}
