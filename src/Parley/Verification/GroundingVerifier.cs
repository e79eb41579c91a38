using Parley.Dialogues;

namespace Parley.Verification;

/// <summary>
/// Checks that every amount, date, time, id and number the assistant states appeared before it: in the system prompt
/// (policy included), a user message or a tool result. Values are compared normalised (<c>$1,234.50</c> = <c>1234.5</c>);
/// from tool results also count the number of rows a result holds and, when the sentence says it computed something
/// ("total", "each", "×", ...), a sum or product of two values, or the total of one field over a result's rows.
/// </summary>
/// <remarks>
/// This catches invented values (a hallucinated refund, a wrong date) that the end-state check cannot see, since they
/// change nothing in the database. It is deliberately literal: a value said in words ("two bags") is not checked, and a
/// computed value must be stated as a computation to count.
/// </remarks>
internal sealed class GroundingVerifier : IVerifier
{
    /// <inheritdoc />
    public ValueTask<IReadOnlyList<CheckResult>> VerifyAsync(VerificationContext context, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<CheckResult>>([Check(context.Dialogue.Messages)]);

    /// <summary>The grounding check of <paramref name="messages"/>: passed, or failed naming the first values nothing earlier supports.</summary>
    public static CheckResult Check(IReadOnlyList<Message> messages)
    {
        var known = new GroundedValues();
        var problems = new List<string>();
        for (var i = 0; i < messages.Count; i++)
        {
            switch (messages[i])
            {
                case SystemMessage or UserMessage:
                    known.AddText(messages[i].Content);
                    break;
                case ToolMessage tool:
                    known.AddToolResult(tool.Content);
                    break;
                case AssistantMessage assistant:
                    foreach (var (sentence, value) in Claims(assistant.Content))
                    {
                        if (!known.Supports(value, sentence)) problems.Add($"message {i} states {value.Text} ({value.Kind.ToString().ToLowerInvariant()}), which no earlier tool result, user message or the system prompt gives");
                    }
                    break;
            }
        }
        problems = [.. problems.Distinct(StringComparer.Ordinal)];
        return problems.Count == 0
            ? new CheckResult(new CheckName(CheckKind.Grounding), true)
            : new CheckResult(new CheckName(CheckKind.Grounding), false, string.Join("; ", problems.Take(3)) + (problems.Count > 3 ? $"; and {problems.Count - 3} more" : ""));
    }

    private static IEnumerable<(string Sentence, StatedValue Value)> Claims(string text) =>
        Sentences(text).SelectMany(s => StatedValues.In(s).Select(v => (s, v)));

    // Sentences end at ". " / "! " / "? " / new lines; a decimal point (no space after it) does not end one.
    private static IEnumerable<string> Sentences(string text) =>
        System.Text.RegularExpressions.Regex.Split(text, @"(?<=[.!?])\s+|\n+").Where(s => s.Length > 0);
}
