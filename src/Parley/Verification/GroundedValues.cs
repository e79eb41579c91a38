using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Parley.Verification;

/// <summary>The values a dialogue has made known so far, normalised, for <see cref="GroundingVerifier"/>.</summary>
internal sealed partial class GroundedValues
{
    private readonly HashSet<string> _values = new(StringComparer.Ordinal);
    private readonly List<decimal> _resultNumbers = [];
    private readonly HashSet<string> _computed = new(StringComparer.Ordinal);
    private int _longestResult;

    /// <summary>Adds every value stated in a text (a system prompt, a user message, a string inside a tool result).</summary>
    public void AddText(string text)
    {
        foreach (var value in StatedValues.In(text)) _values.Add(value.Normalised);
        // A spelled-out count in the policy or a user message ("three bags") grounds the digit form too.
        foreach (Match word in NumberWord().Matches(text)) _values.Add(Words[word.Value.ToLowerInvariant()]);
    }

    /// <summary>Adds a tool result: its numbers, strings, row counts and per-field totals; text that is not JSON is read as text.</summary>
    public void AddToolResult(string content)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(content);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            AddText(content);
            return;
        }
        Add(root);
    }

    /// <summary>True when <paramref name="value"/> was made known, or is a computation of known result values that <paramref name="sentence"/> says it is.</summary>
    public bool Supports(StatedValue value, string sentence)
    {
        if (_values.Contains(value.Normalised)) return true;
        // An id shown with a display prefix ("KB-119" for article 119).
        if (value.Kind == StatedValueKind.Id && PrefixedId().Match(value.Normalised) is { Success: true } id && _values.Contains(id.Groups[1].Value)) return true;
        // "…and 7 more": the rows of a result not listed.
        if (value.Kind == StatedValueKind.Number && sentence.Contains($"{value.Text} more", StringComparison.Ordinal)
            && int.TryParse(value.Normalised, CultureInfo.InvariantCulture, out var more) && more < _longestResult) return true;
        if (value.Kind is not (StatedValueKind.Amount or StatedValueKind.Number) || !Computation().IsMatch(sentence)) return false;
        if (_computed.Contains(value.Normalised)) return true;
        if (!decimal.TryParse(value.Normalised, NumberStyles.Number, CultureInfo.InvariantCulture, out var stated)) return false;
        for (var a = 0; a < _resultNumbers.Count; a++)
        {
            for (var b = a + 1; b < _resultNumbers.Count; b++)
            {
                if (_resultNumbers[a] + _resultNumbers[b] == stated || _resultNumbers[a] * _resultNumbers[b] == stated) return true;
            }
        }
        return false;
    }

    private void Add(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Number:
                var number = element.GetDecimal();
                _values.Add(StatedValues.Number(number));
                _resultNumbers.Add(number);
                break;
            case JsonValueKind.String:
                var text = element.GetString()!;
                _values.Add(text.ToUpperInvariant());
                AddText(text);
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject()) Add(property.Value);
                break;
            case JsonValueKind.Array:
                _values.Add(element.GetArrayLength().ToString(CultureInfo.InvariantCulture));
                _longestResult = Math.Max(_longestResult, element.GetArrayLength());
                foreach (var item in element.EnumerateArray()) Add(item);
                AddTotals(element);
                break;
        }
    }

    // The total of each numeric field over a result's rows ("3 orders, $412.80 in all").
    private void AddTotals(JsonElement rows)
    {
        var totals = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var row in rows.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.Object))
        {
            foreach (var field in row.EnumerateObject().Where(f => f.Value.ValueKind == JsonValueKind.Number))
            {
                totals[field.Name] = totals.GetValueOrDefault(field.Name) + field.Value.GetDecimal();
            }
        }
        foreach (var total in totals.Values) _computed.Add(StatedValues.Number(total));
    }

    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        ["once"] = "1", ["twice"] = "2", ["one"] = "1", ["two"] = "2", ["three"] = "3", ["four"] = "4", ["five"] = "5", ["six"] = "6", ["seven"] = "7", ["eight"] = "8", ["nine"] = "9", ["ten"] = "10",
    };

    [GeneratedRegex(@"^[A-Z]+-(\d+)$")]
    private static partial Regex PrefixedId();

    [GeneratedRegex(@"\b(?i:once|twice|one|two|three|four|five|six|seven|eight|nine|ten)\b")]
    private static partial Regex NumberWord();

    [GeneratedRegex(@"(?i)\b(total|in all|altogether|combined|sum|plus|times|each|per)\b|×")]
    private static partial Regex Computation();
}
