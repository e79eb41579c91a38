using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Parley.Dialogues;

namespace Parley.Statistics;

/// <summary>
/// The detectors behind <see cref="HabitStatistics"/>: each looks at text or messages only, never at metadata the
/// offline roles leave, so they measure any run. They are heuristics over English phrasing, tuned to miss rather than
/// to over-count.
/// </summary>
internal static partial class Habits
{
    /// <summary>A successful write call with what preceded it.</summary>
    /// <param name="Consent">The last user message before the call.</param>
    /// <param name="Confirmation">The last assistant text before that user message.</param>
    /// <param name="Amounts">Non-zero amounts in the call's arguments and result.</param>
    internal sealed record Write(string? Consent, string? Confirmation, IReadOnlySet<decimal> Amounts);

    public static bool HasPluralMarker(string text) => PluralMarker().IsMatch(text);

    public static bool IsClosingPhrase(string text) => ClosingPhrase().IsMatch(text) && !ExplicitYes().IsMatch(text);

    public static bool IsExplicitYes(string text) => ExplicitYes().IsMatch(text);

    public static bool IsKeyValueDump(string text) => text.Split(';').Count(s => LabelValue().IsMatch(s)) >= 3;

    public static bool IsDecline(string text) => Refusal().IsMatch(text) && Reason().IsMatch(text) && !NotFound().IsMatch(text);

    public static bool StacksAcknowledgements(string text) =>
        SentenceBreak().Split(text.Trim()).Count(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 8 && !s.Contains('?') && Acknowledgement().IsMatch(s)) >= 2;

    /// <summary>Every number in <paramref name="text"/> ("$1,234.50" → 1234.5).</summary>
    public static HashSet<decimal> Numbers(string text)
    {
        var numbers = new HashSet<decimal>();
        foreach (Match m in Number().Matches(text))
        {
            if (decimal.TryParse(m.Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var n)) numbers.Add(n);
        }
        return numbers;
    }

    /// <summary>The dialogue's successful write calls, with their consent, confirmation and amounts.</summary>
    public static IEnumerable<Write> Writes(Dialogue dialogue)
    {
        var results = dialogue.Messages.OfType<ToolMessage>().ToDictionary(m => m.ToolCallId, StringComparer.Ordinal);
        string? consent = null, confirmation = null, lastSaid = null;
        foreach (var message in dialogue.Messages)
        {
            switch (message)
            {
                case UserMessage { Content: { } text }:
                    consent = text;
                    confirmation = lastSaid;
                    break;
                case AssistantMessage assistant:
                    foreach (var call in assistant.ToolCalls ?? [])
                    {
                        if (!IsWrite(call.Function.Name) || !results.TryGetValue(call.Id, out var result) || result.IsError) continue;
                        var amounts = new HashSet<decimal>();
                        Amounts(Parse(call.Function.Arguments), amounts);
                        Amounts(Parse(result.Content), amounts);
                        yield return new Write(consent, confirmation, amounts);
                    }
                    if (!string.IsNullOrWhiteSpace(assistant.Content)) lastSaid = assistant.Content;
                    break;
            }
        }
    }

    /// <summary>User messages that name a value of a multi-row result which no earlier user or assistant message showed.</summary>
    public static int UnseenChoices(Dialogue dialogue)
    {
        var listed = new List<string>();
        var said = new List<string>();
        var count = 0;
        foreach (var message in dialogue.Messages)
        {
            switch (message)
            {
                case ToolMessage { Content: { } content } when Parse(content) is { ValueKind: JsonValueKind.Array } rows && rows.GetArrayLength() > 1:
                    foreach (var row in rows.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.Object))
                    {
                        listed.AddRange(row.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).Select(p => p.Value.GetString()!)
                            .Where(v => v.Length >= 4 && v.Any(c => char.IsUpper(c) || char.IsDigit(c))));
                    }
                    break;
                case UserMessage { Content: { } text }:
                    if (listed.Any(v => text.Contains(v, StringComparison.OrdinalIgnoreCase) && !said.Any(s => s.Contains(v, StringComparison.OrdinalIgnoreCase)))) count++;
                    said.Add(text);
                    break;
                case AssistantMessage { Content: { } text }:
                    said.Add(text);
                    break;
            }
        }
        return count;
    }

    /// <summary>
    /// Calls identical to an earlier successful call with no successful write in between (nothing could have changed);
    /// re-identifications: repeats of the dialogue's first (identifying) call that return what it returned before (with
    /// or without writes in between — who the user is does not change); and re-reads: identical calls after a write
    /// that return something else, a record that changed (a fair refresh).
    /// </summary>
    public static (int Repeated, int OfFirst, int ReReads) RepeatedCalls(Dialogue dialogue)
    {
        var results = dialogue.Messages.OfType<ToolMessage>().ToDictionary(m => m.ToolCallId, StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var last = new Dictionary<string, string>(StringComparer.Ordinal);
        string? first = null;
        int repeated = 0, ofFirst = 0, reReads = 0;
        foreach (var call in dialogue.Messages.OfType<AssistantMessage>().SelectMany(m => m.ToolCalls ?? []))
        {
            var key = call.Function.Name + "\u001f" + Canonical(call.Function.Arguments);
            first ??= key;
            results.TryGetValue(call.Id, out var result);
            var same = result is { IsError: false } && last.TryGetValue(key, out var before) && Canonical(before) == Canonical(result.Content);
            if (done.Contains(key)) repeated++;
            if (key == first && (done.Contains(key) || same)) ofFirst++;
            else if (!done.Contains(key) && last.ContainsKey(key) && result is { IsError: false } && !same) reReads++;
            if (result is null || result.IsError) continue;
            if (IsWrite(call.Function.Name))
            {
                done.Clear();
                continue;
            }
            done.Add(key);
            last[key] = result.Content;
        }
        return (repeated, ofFirst, reReads);
    }

    /// <summary>True unless the tool's name starts with a verb that only reads (get, list, search, find, …).</summary>
    public static bool IsWrite(string tool) =>
        !(tool.Split('_')[0].ToLowerInvariant() is "get" or "list" or "search" or "find" or "track" or "count" or "check" or "lookup" or "look"
            or "show" or "view" or "query" or "fetch" or "read" or "quote" or "calculate" or "estimate" or "preview" or "verify" or "browse");

    private static void Amounts(JsonElement element, HashSet<decimal> into)
    {
        var rows = element.ValueKind == JsonValueKind.Array ? element.EnumerateArray().ToList() : [element];
        foreach (var row in rows.Where(r => r.ValueKind == JsonValueKind.Object))
        {
            foreach (var p in row.EnumerateObject())
            {
                if (!MoneyName().IsMatch(p.Name) || IdName().IsMatch(p.Name)) continue;
                var value = p.Value.ValueKind switch
                {
                    JsonValueKind.Number => p.Value.GetDecimal(),
                    JsonValueKind.String when decimal.TryParse(p.Value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
                    _ => 0m,
                };
                if (value != 0) into.Add(Math.Abs(value));
            }
        }
    }

    private static JsonElement Parse(string json)
    {
        try
        {
            return JsonElement.Parse(json);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static string Canonical(string arguments) =>
        Parse(arguments) is { ValueKind: JsonValueKind.Object } o
            ? string.Join(",", o.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => p.Name + "=" + p.Value.GetRawText()))
            : arguments;

    [GeneratedRegex(@"\w\(s\)")]
    private static partial Regex PluralMarker();

    [GeneratedRegex(@"\b(that's it|that is it|that's all|that is all|that's everything|that is everything|nothing (else|further)|bye|goodbye|all set)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ClosingPhrase();

    [GeneratedRegex(@"\b(yes|yep|yeah|yup|go ahead|go for it|please do|proceed|confirm(ed)?|do it|correct|sounds good|that's right|absolutely|sure|ok(ay)?,? (go|do))\b", RegexOptions.IgnoreCase)]
    private static partial Regex ExplicitYes();

    [GeneratedRegex(@"(^|\s)[A-Za-z][a-z]*( [A-Za-z][a-z]*){0,2}: \S")]
    private static partial Regex LabelValue();

    [GeneratedRegex(@"\b((I|we) (can't|cannot|can not|am unable to|am not able to|won't be able to)|I'm (unable|not able) to|(can't|cannot|can not) be|(isn't|is not|not) (possible|allowed|eligible|permitted))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Refusal();

    [GeneratedRegex(@"\b(because|since|as|policy|only|more than|exceeds?|already|past|limit|out of stock|no longer|until|after|before)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Reason();

    [GeneratedRegex(@"\b(couldn't find|could not find|can't find|no match|nothing came up|without the)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NotFound();

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"^\W*(great|thanks|thank you|perfect|awesome|okay|ok|got it|cool|nice|brilliant|excellent|understood|good|sweet|lovely|wonderful|much appreciated|appreciate it|i appreciate|really appreciate|cheers|noted|i see|ah|very good|that's sorted|that's done|that's handled|that resolves|that is taken care|that concludes|that is settled|that helps|that's helpful|that is helpful|that's very helpful|that's what i needed|that clears|that clarifies|that is reassuring|you're a lifesaver|good to know|you've been|you have been|that was|really smooth)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Acknowledgement();

    [GeneratedRegex(@"\d{1,3}(,\d{3})+(\.\d+)?|\d+(\.\d+)?")]
    private static partial Regex Number();

    [GeneratedRegex(@"amount|fee|refund|price|cost|charge|fare|fine|penalty|kept|total|compensation|deposit|paid|payment|rate", RegexOptions.IgnoreCase)]
    private static partial Regex MoneyName();

    [GeneratedRegex(@"(^id$|_id$|_count$|_number$|_code$|^charges$)", RegexOptions.IgnoreCase)]
    private static partial Regex IdName();
}
