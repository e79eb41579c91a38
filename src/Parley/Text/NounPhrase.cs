namespace Parley.Text;

/// <summary>
/// A field's label used as the subject of a sentence, agreeing with its head noun: "miles remaining" → "remaining miles"
/// (plural: "are"), "amount due" → "amount due" (singular: "is"), "working days" → plural.
/// </summary>
internal static class NounPhrase
{
    // Words a column name puts after the noun they describe ("miles_remaining", "seats_left"): the noun before them is
    // the head, so a plural noun there makes the subject plural.
    private static readonly HashSet<string> Postpositive = new(StringComparer.Ordinal)
    {
        "remaining", "left", "available", "free", "used", "owed", "due", "outstanding", "pending", "booked", "taken",
        "requested", "allowed", "earned", "redeemed", "spent", "issued", "reserved", "sold", "open",
    };

    // Those of them that read naturally before the noun too ("remaining miles"; not "left seats").
    private static readonly HashSet<string> Prenominal = new(StringComparer.Ordinal)
    {
        "remaining", "available", "used", "outstanding", "pending", "booked", "requested", "earned", "redeemed", "issued", "reserved",
    };

    /// <summary>The label as a subject (a modifier moved before its plural noun where that reads naturally) and whether it is plural.</summary>
    public static (string Phrase, bool Plural) Subject(string label)
    {
        var words = label.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length >= 2 && Postpositive.Contains(words[^1]) && IsPlural(words[^2]))
        {
            return (string.Join(' ', Prenominal.Contains(words[^1]) ? [words[^1], .. words[..^1]] : words), true);
        }
        return (string.Join(' ', words), words.Length > 0 && IsPlural(words[^1]));
    }

    /// <summary>"<paramref name="label"/> is" or "… are", the label reordered as <see cref="Subject"/> does.</summary>
    public static string WithVerb(string label)
    {
        var (phrase, plural) = Subject(label);
        return phrase + (plural ? " are" : " is");
    }

    /// <summary>True for a regular English plural ("miles", "nights", "categories"), not "status", "address" or "analysis".</summary>
    public static bool IsPlural(string noun) =>
        noun.Length > 3 && noun.EndsWith('s') && !noun.EndsWith("ss", StringComparison.Ordinal) && !noun.EndsWith("us", StringComparison.Ordinal)
        && !noun.EndsWith("is", StringComparison.Ordinal) && !noun.EndsWith("'s", StringComparison.Ordinal);
}
