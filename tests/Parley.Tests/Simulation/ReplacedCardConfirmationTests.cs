using System.Text.Json;
using System.Text.RegularExpressions;
using Parley.Dialogues;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Simulation;

/// <summary>The rule-based agent confirms a change to the record as it is now: after a lost card is replaced, the new card.</summary>
public sealed partial class ReplacedCardConfirmationTests(GeneratedRuns runs)
{
    [Fact]
    public async Task NamesTheNewCard_WhenConfirmingALimitChangeAfterAReplacement()
    {
        var dialogues = (await runs.AllDomainsAsync()).Dialogues.Where(d => d.Metadata.Domain == "banking").ToList();
        var checkedAfterReplacement = 0;
        foreach (var dialogue in dialogues)
        {
            var results = dialogue.Messages.OfType<ToolMessage>().ToDictionary(t => t.ToolCallId, t => t.Content);
            string? confirmation = null;
            var replaced = false;
            foreach (var message in dialogue.Messages)
            {
                if (message is AssistantMessage { ToolCalls: null } said && !string.IsNullOrEmpty(said.Content)) confirmation = said.Content;
                foreach (var call in (message as AssistantMessage)?.ToolCalls ?? [])
                {
                    if (call.Function.Name.Contains("lost", StringComparison.Ordinal)) replaced = true;
                    if (!call.Function.Name.Contains("limit", StringComparison.Ordinal) || confirmation is null) continue;
                    using var result = JsonDocument.Parse(results[call.Id]);
                    if (!result.RootElement.TryGetProperty("last_four", out var card)) continue;
                    var named = CardEnding().Matches(confirmation).Select(m => m.Groups[1].Value).LastOrDefault();
                    named.Should().Be(card.GetString(), $"{dialogue.Id}: the confirmation \"{confirmation}\" is about the card the limit is set on");
                    if (replaced) checkedAfterReplacement++;
                }
            }
        }
        checkedAfterReplacement.Should().BePositive("the run sets a limit on a replacement card");
    }

    [GeneratedRegex(@"card ending (\d{4})")]
    private static partial Regex CardEnding();
}
