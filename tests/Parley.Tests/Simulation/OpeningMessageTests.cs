using System.Text.RegularExpressions;
using Parley.Dialogues;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Simulation;

/// <summary>How the rule-based user opens a dialogue: a greeting and an opener from its phrase banks, then its need.</summary>
public sealed partial class OpeningMessageTests(GeneratedRuns runs)
{
    [Fact]
    public async Task AsksForHelpAtMostOnce_InTheFirstMessage()
    {
        var openings = (await runs.AllDomainsAsync()).Dialogues.Select(d => d.Messages.OfType<UserMessage>().First().Content ?? "").ToList();

        openings.Should().NotBeEmpty().And.NotContain(o => Sentence().Split(o).Count(HelpAsk().IsMatch) > 1,
            "a greeting that asks for help followed by an opener that asks again (\"Hello, I hope you can help me. I was hoping you could assist me.\") is a habit no one wants a model to learn");
    }

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex Sentence();

    // A sentence that asks for help or assistance, not one that mentions a help article.
    [GeneratedRegex(@"\b(help|assist)\b(?! (articles?|guides?))", RegexOptions.IgnoreCase)]
    private static partial Regex HelpAsk();
}
