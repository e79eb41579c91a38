using Parley.Determinism;
using Parley.Dialogues;

namespace Parley.Statistics;

/// <summary>
/// Habits a dialogue dataset would teach a model, counted from the messages alone (so LLM runs are measured the same
/// way as offline ones): template artefacts, consent and confirmation of writes, answers as key/value dumps, stacked
/// acknowledgements, repeated phrasing, refusals, choices among unseen options, and redundant tool calls.
/// </summary>
/// <param name="Dialogues">Dialogues counted.</param>
/// <param name="PluralMarkers">User and assistant messages containing a template's <c>(s)</c>.</param>
/// <param name="Writes">Successful calls of state-changing tools (any tool whose name does not start with a read verb).</param>
/// <param name="ClosingConsents">Writes whose consent (the last user message before the call) is a closing phrase such as "That's it, thanks.".</param>
/// <param name="UnclearConsents">Writes whose consent holds no explicit yes ("yes", "go ahead", "please do", …).</param>
/// <param name="MoneyWrites">Writes whose arguments or result carry a non-zero amount (a fee, refund, price, charge, total, …).</param>
/// <param name="MoneyWritesWithAmount">Money-moving writes whose confirmation (the assistant's text before the consent) states one of those amounts.</param>
/// <param name="AssistantMessages">Assistant messages with text.</param>
/// <param name="KeyValueDumps">Assistant messages that list three or more <c>label: value</c> pairs separated by semicolons.</param>
/// <param name="AssistantRepeats">Assistant messages whose exact text an earlier assistant message of the dataset already had.</param>
/// <param name="UserMessages">User messages with text.</param>
/// <param name="StackedAcknowledgements">User messages with two or more acknowledgement sentences ("Great, thanks! Perfect.").</param>
/// <param name="DialoguesWithDecline">Dialogues in which the assistant declines a request and says why.</param>
/// <param name="UnseenChoices">User messages naming a value of a listed result that no earlier message showed.</param>
/// <param name="ReIdentifications">
/// Repeats of a dialogue's first (identifying) call with the same arguments that return what it returned before (or
/// with no write in between): looking up again what the agent already has.
/// </param>
/// <param name="RepeatedCalls">Calls identical (tool and arguments) to an earlier successful call of the same dialogue, with no successful write in between.</param>
/// <param name="ReReads">Calls identical to an earlier successful read, made after a write, that return a changed record (a fair refresh).</param>
/// <param name="ParallelCallMessages">Assistant messages that make two or more tool calls at once.</param>
public sealed record HabitStatistics(
    int Dialogues,
    int PluralMarkers,
    int Writes,
    int ClosingConsents,
    int UnclearConsents,
    int MoneyWrites,
    int MoneyWritesWithAmount,
    int AssistantMessages,
    int KeyValueDumps,
    int AssistantRepeats,
    int UserMessages,
    int StackedAcknowledgements,
    int DialoguesWithDecline,
    int UnseenChoices,
    int ReIdentifications,
    int RepeatedCalls,
    int ParallelCallMessages,
    int ReReads = 0)
{
    /// <summary>Money-moving writes confirmed with an amount, of all money-moving writes (1 when there are none).</summary>
    public double AmountConfirmedRate => MoneyWrites == 0 ? 1 : Rate(MoneyWritesWithAmount, MoneyWrites);

    /// <summary>Key/value dumps, of assistant messages with text.</summary>
    public double KeyValueDumpRate => Rate(KeyValueDumps, AssistantMessages);

    /// <summary>Exact repeats, of assistant messages with text.</summary>
    public double AssistantRepeatRate => Rate(AssistantRepeats, AssistantMessages);

    /// <summary>Stacked acknowledgements, of user messages with text.</summary>
    public double StackedAcknowledgementRate => Rate(StackedAcknowledgements, UserMessages);

    /// <summary>Dialogues with a declined request, of all dialogues.</summary>
    public double DeclineRate => Rate(DialoguesWithDecline, Dialogues);

    /// <summary>Counts the habits of <paramref name="dialogues"/>.</summary>
    public static HabitStatistics Of(IEnumerable<Dialogue> dialogues)
    {
        var accumulator = new Accumulator();
        foreach (var dialogue in dialogues) accumulator.Add(dialogue);
        return accumulator.Result();
    }

    /// <summary>The habits, added one dialogue at a time (in order: a repeat is counted against earlier dialogues).</summary>
    internal sealed class Accumulator
    {
        // Hashes of texts, not the texts: a run of any size costs 8 bytes per distinct message.
        private readonly HashSet<ulong> _seen = [];
        private int _count, _plural, _writes, _closing, _unclear, _money, _withAmount, _assistant, _dumps, _repeats,
            _user, _stacked, _declined, _unseen, _reidentified, _repeated, _parallel, _reReads;

        /// <summary>Adds a dialogue.</summary>
        public void Add(Dialogue dialogue)
        {
            _count++;
            var declines = false;
            foreach (var message in dialogue.Messages)
            {
                if (message is AssistantMessage { ToolCalls.Count: > 1 }) _parallel++;
                if (message is not (UserMessage or AssistantMessage) || string.IsNullOrWhiteSpace(message.Content)) continue;
                var text = message.Content;
                if (Habits.HasPluralMarker(text)) _plural++;
                if (message is UserMessage)
                {
                    _user++;
                    if (Habits.StacksAcknowledgements(text)) _stacked++;
                    continue;
                }
                _assistant++;
                if (!_seen.Add(Fnv1a.Hash(text))) _repeats++;
                if (Habits.IsKeyValueDump(text)) _dumps++;
                declines |= Habits.IsDecline(text);
            }
            if (declines) _declined++;
            foreach (var write in Habits.Writes(dialogue))
            {
                _writes++;
                if (write.Consent is { } consent && Habits.IsClosingPhrase(consent)) _closing++;
                if (write.Consent is not { } yes || !Habits.IsExplicitYes(yes)) _unclear++;
                if (write.Amounts.Count == 0) continue;
                _money++;
                if (write.Confirmation is { } confirmation && Habits.Numbers(confirmation).Overlaps(write.Amounts)) _withAmount++;
            }
            _unseen += Habits.UnseenChoices(dialogue);
            var (again, first, refreshed) = Habits.RepeatedCalls(dialogue);
            _repeated += again;
            _reidentified += first;
            _reReads += refreshed;
        }

        /// <summary>The habits so far.</summary>
        public HabitStatistics Result() => new(_count, _plural, _writes, _closing, _unclear, _money, _withAmount, _assistant, _dumps, _repeats,
            _user, _stacked, _declined, _unseen, _reidentified, _repeated, _parallel, _reReads);
    }

    private static double Rate(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);
}
