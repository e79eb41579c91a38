using System.Globalization;
using System.Text.RegularExpressions;

namespace Parley.Verification;

/// <summary>Finds the amounts, dates, times, ids and numbers a text states, each normalised for comparison.</summary>
internal static partial class StatedValues
{
    /// <summary>The values in <paramref name="text"/>, in order; a number inside an amount, date, time or id is not listed again.</summary>
    public static IReadOnlyList<StatedValue> In(string text)
    {
        var values = new List<StatedValue>();
        foreach (Match m in Pattern().Matches(text))
        {
            if (m.Groups["amount"].Success) values.Add(new(StatedValueKind.Amount, m.Value, Number(m.Groups["amount"].Value)));
            else if (m.Groups["date"].Success) values.Add(new(StatedValueKind.Date, m.Value, m.Value));
            else if (m.Groups["time"].Success) values.Add(new(StatedValueKind.Time, m.Value, m.Value));
            else if (m.Groups["hash"].Success) values.Add(new(StatedValueKind.Id, m.Value, m.Groups["hash"].Value));
            else if (m.Groups["id"].Success) values.Add(new(StatedValueKind.Id, m.Value, m.Value.ToUpperInvariant()));
            else values.Add(new(StatedValueKind.Number, m.Value, Number(m.Value)));
        }
        return values;
    }

    /// <summary>A number in the form values are compared in: no currency sign or thousands separators, no trailing zeros.</summary>
    public static string Number(string text) =>
        decimal.TryParse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var d)
            ? Number(d)
            : text;

    /// <summary>A number in the form values are compared in.</summary>
    public static string Number(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);

    // Amounts ($1,234.50), ISO dates, times, ids (digits and capitals mixed, e.g. SGI353, ORD-1001; or #74) and plain numbers
    // ("292-minute" is the number 292, not an id).
    [GeneratedRegex(@"\$\s?(?<amount>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)|(?<date>\b\d{4}-\d{2}-\d{2}\b)|(?<time>\b\d{1,2}:\d{2}\b)|#(?<hash>\d+)\b|(?<id>\b(?=[A-Za-z0-9-]*\d)(?=[A-Za-z0-9-]*[A-Z])[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*\b)|(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w])|(?<![\w.])\d+(?:\.\d+)?(?![\w])")]
    private static partial Regex Pattern();
}
