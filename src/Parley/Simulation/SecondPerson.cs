using System.Text.RegularExpressions;

namespace Parley.Simulation;

/// <summary>
/// Restates the user's own words to them: "I never used it" → "you never used it", "my trip" → "your trip", so the
/// agent does not parrot a first person that is not its own.
/// </summary>
internal static partial class SecondPerson
{
    /// <summary>The text with first-person singular words turned to the second person.</summary>
    public static string Of(string text) => FirstPerson().Replace(text, m => m.Value switch
    {
        "I am" or "I'm" => "you're",
        "I was" => "you were",
        "I've" => "you've",
        "I'd" => "you'd",
        "I'll" => "you'll",
        "I" or "me" => "you",
        "my" => "your",
        "My" => "Your",
        "mine" => "yours",
        "myself" => "yourself",
        _ => m.Value,
    });

    [GeneratedRegex(@"\b(I am|I'm|I was|I've|I'd|I'll|I|me|my|My|mine|myself)\b")]
    private static partial Regex FirstPerson();
}
