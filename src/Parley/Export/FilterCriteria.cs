using System.Globalization;
using System.Text.Json;
using Parley.Dialogues;

namespace Parley.Export;

/// <summary>
/// Reads the criteria of <c>parley filter</c> from their text (<c>MIN-MAX</c>, <c>NAME=MIN</c>, termination names),
/// refusing any value that could only keep nothing by mistake with one line naming the option and what it takes.
/// </summary>
public static class FilterCriteria
{
    /// <summary>The names <c>--termination</c> takes, as the dialogues record them.</summary>
    public static IReadOnlyList<string> TerminationNames => Names;

    private static readonly string[] Names =
        [.. Enum.GetValues<TerminationReason>().Select(t => JsonSerializer.Serialize(t, DialogueJsonContext.Default.TerminationReason).Trim('"'))];

    /// <summary>An inclusive range <c>MIN-MAX</c> (either side may be empty); everything when <paramref name="text"/> is empty.</summary>
    /// <exception cref="ParleyException">Not <c>MIN-MAX</c> with whole numbers from 0, or MIN above MAX.</exception>
    public static (int Min, int Max) Range(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text)) return (0, int.MaxValue);
        var parts = text.Split('-');
        if (parts is not [var low, var high] || !Bound(low, 0, out var min) || !Bound(high, int.MaxValue, out var max))
        {
            throw ParleyException.InvalidOption(option, $"'{text}' is not MIN-MAX (whole numbers from 0; either side may be empty)");
        }
        return min <= max ? (min, max) : throw ParleyException.InvalidOption(option, $"'{text}' is an empty range: MIN {min} is above MAX {max}");
    }

    /// <summary>Minimum judge scores from <c>NAME=MIN</c> values, NAME one of <see cref="JudgeReport.ScoreNames"/> and MIN 1 to 5.</summary>
    /// <exception cref="ParleyException">A value is not <c>NAME=MIN</c>, names no judge score, or has MIN outside 1-5.</exception>
    public static IReadOnlyDictionary<string, int> JudgeScores(IEnumerable<string> values, string option)
    {
        var scores = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            if (value.Split('=') is not [var name, var number] || !int.TryParse(number.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var min) || min is < 1 or > 5)
            {
                throw ParleyException.InvalidOption(option, $"'{value}' is not NAME=MIN with MIN from 1 to 5");
            }
            name = name.Trim();
            if (!JudgeReport.ScoreNames.Contains(name)) throw ParleyException.InvalidOption(option, $"'{name}' is not one of {string.Join(", ", JudgeReport.ScoreNames)}");
            scores[name] = min;
        }
        return scores;
    }

    /// <summary>Termination reasons by name, each one of <see cref="TerminationNames"/>.</summary>
    /// <exception cref="ParleyException">A name is not a termination reason.</exception>
    public static IReadOnlyList<TerminationReason> Terminations(IEnumerable<string> names, string option) =>
        [.. names.Select(name => Array.IndexOf(Names, name) is var i and >= 0
            ? Enum.GetValues<TerminationReason>()[i]
            : throw ParleyException.InvalidOption(option, $"'{name}' is not one of {string.Join(", ", TerminationNames)}"))];

    private static bool Bound(string text, int empty, out int value)
    {
        value = empty;
        return text.Trim() is not { Length: > 0 } digits || int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
