using System.Text.Json;
using System.Text.RegularExpressions;
using Parley.Text;
using Parley.Tools;

namespace Parley.Simulation;

/// <summary>
/// Answers a follow-up question about a result with the one field it asks for, in a sentence ("What's the new
/// total?" → "The total price is $749.37."), instead of the whole record: the field whose name shares the most words
/// with the question, helped by what the question word asks for (how much → an amount, when → a date, how many → a
/// count, where → a place).
/// </summary>
internal static partial class FollowUpAnswer
{
    /// <summary>The column of <paramref name="row"/> the question asks about, or null when none fits.</summary>
    public static string? Field(string question, JsonElement row)
    {
        if (row.ValueKind != JsonValueKind.Object) return null;
        var words = Word().Matches(question.ToLowerInvariant()).Select(m => Stem(m.Value)).SelectMany(w => Synonyms.TryGetValue(w, out var more) ? [w, .. more] : new[] { w })
            .ToHashSet(StringComparer.Ordinal);
        var asks = Asks(question.ToLowerInvariant());
        string? best = null;
        var bestScore = 0.0;
        var byName = false;
        var ofKind = 0;
        // An internal id answers only a question for a number or an id, never "how long is the referral valid?".
        var wantsId = asks == Kind.Reference || words.Contains("id");
        foreach (var column in row.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null && (wantsId || !IsId(p.Name))))
        {
            var named = column.Name.Split('_').Select(Stem).Count(words.Contains);
            var kindFits = asks is { } kind && KindOf(column) == kind;
            if (kindFits) ofKind++;
            // A column the question names beats one that only fits the question word ("the limit … now?" is the limit, not the status).
            var score = named * 3.0 + (kindFits ? 1.5 : 0) - (asks is { } k && !kindFits && k != Kind.Any ? 1 : 0);
            if (score > bestScore)
            {
                (best, bestScore, byName) = (column.Name, score, named > 0);
            }
        }
        // A question whose words name no column ("When was that decided?") is answered by its kind alone only when
        // one column is of that kind; otherwise the guess could be the wrong date.
        return bestScore >= 1 && (byName || ofKind == 1) ? best : null;
    }

    /// <summary>One sentence giving the field of <paramref name="row"/> the question asks about, or null when none fits.</summary>
    public static string? Of(string question, JsonElement row)
    {
        if (Field(question, row) is not { } field) return null;
        var value = row.GetProperty(field);
        var text = SqlValue.Text(value);
        var label = FactLabel.Of(field);
        // Asked for "the ticket number", the agent names it so, not "the ticket ID".
        if (IsId(field) && label.EndsWith(" ID", StringComparison.Ordinal) && question.Contains("number", StringComparison.OrdinalIgnoreCase)) label = label[..^2] + "number";
        // The verb agrees with the label's head noun: "The remaining miles are 9,883.", not "The miles remaining is 9883.".
        var subject = NounPhrase.WithVerb(label);
        return KindOf(row.GetProperty(field), field) switch
        {
            Kind.Money => $"The {subject} ${text}.",
            Kind.Count when label.Contains(' ') || !char.IsDigit(text[0]) => $"The {subject} {Grouped(value, text)}.",
            Kind.Count => Plurals.Resolve($"That's {Grouped(value, text)} {label.TrimEnd('s')}(s)."),
            _ => $"The {subject} {text}.",
        };
    }

    /// <summary>A whole count of thousands or more with its thousands separated ("9,883"), as people write it; other values as they are.</summary>
    private static string Grouped(JsonElement value, string text) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) && Math.Abs(n) >= 1000
            ? n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)
            : text;

    // Words a question uses for what a column is named otherwise.
    private static readonly Dictionary<string, string[]> Synonyms = new(StringComparer.Ordinal)
    {
        ["left"] = ["remain", "remaining", "free", "available"],
        ["back"] = ["refund", "refunded"],
        ["cost"] = ["fee", "price", "amount"],
        ["owe"] = ["balance", "outstanding", "owed"],
        ["due"] = ["due"],
        ["valid"] = ["until", "expire", "expir"],
        ["expire"] = ["expir"],
        ["leave"] = ["departure"],
        ["depart"] = ["departure"],
        ["publish"] = ["published"],
        ["worth"] = ["amount", "value"],
        ["queue"] = ["position"],
    };

    private enum Kind { Any, Money, Date, Count, Place, Time, Reference, State }

    private static Kind? Asks(string q) =>
        q.Contains("how much") || q.Contains("cost") || q.Contains("fee") || q.Contains("owe") || q.Contains("worth") || q.Contains("total") || q.Contains("price") ? Kind.Money
        : q.Contains("what time") ? Kind.Time
        : q.StartsWith("when", StringComparison.Ordinal) || q.Contains(" when ") || q.Contains("what date") || q.Contains("what year") ? Kind.Date
        : q.Contains("how many") || q.Contains("how long") ? Kind.Count
        : q.Contains("where") || q.Contains("address") ? Kind.Place
        : q.Contains("number") || q.Contains("reference") || q.Contains(" code") || q.Contains("digits") ? Kind.Reference
        : q.Contains("status") || q.Contains("still") || q.Contains(" now?") || q.StartsWith("is ", StringComparison.Ordinal) || q.StartsWith("so ", StringComparison.Ordinal) ? Kind.State
        : null;

    private static bool IsId(string column) => column.EndsWith("_id", StringComparison.OrdinalIgnoreCase) || column.Equals("id", StringComparison.OrdinalIgnoreCase);

    private static Kind KindOf(JsonProperty column) => KindOf(column.Value, column.Name);

    private static Kind KindOf(JsonElement value, string name)
    {
        var n = name.ToLowerInvariant();
        if (n.EndsWith("_id", StringComparison.Ordinal) || n is "id") return Kind.Reference;
        if (MoneyName().IsMatch(n)) return Kind.Money;
        if (n.EndsWith("time", StringComparison.Ordinal) || n.Contains("checkout")) return Kind.Time;
        if (n.EndsWith("_on", StringComparison.Ordinal) || n.Contains("date") || n.EndsWith("_at", StringComparison.Ordinal) || n.Contains("expir") || n.Contains("until")
            || n.Contains("year") || n is "check_in" or "check_out" or "due" or "submitted" or "updated") return Kind.Date;
        if (n.EndsWith("_id", StringComparison.Ordinal) || n.Contains("number") || n.Contains("code") || n.Contains("tag") || n.Contains("last4") || n.Contains("last_four") || n.Contains("reference")) return Kind.Reference;
        if (n.Contains("status") || n.Contains("outcome") || n.Contains("state")) return Kind.State;
        if (n.Contains("location") || n.Contains("branch") || n.Contains("address") || n.Contains("pharmacy") || n.Contains("gate") || n.Contains("pickup") || n.Contains("city") || n.Contains("room")) return Kind.Place;
        return value.ValueKind == JsonValueKind.Number ? Kind.Count : Kind.Any;
    }

    private static string Stem(string word)
    {
        word = word.Trim('\'');
        foreach (var suffix in (string[])["ing", "ed", "es", "s"])
        {
            if (word.Length > suffix.Length + 3 && word.EndsWith(suffix, StringComparison.Ordinal)) return word[..^suffix.Length];
        }
        return word;
    }

    [GeneratedRegex(@"[a-z0-9']+")]
    private static partial Regex Word();

    [GeneratedRegex(@"amount|fee|refund|price|cost|charge|fare|fine|penalty|kept|total|compensation|balance|owed|value|rate|paid|limit")]
    private static partial Regex MoneyName();
}
