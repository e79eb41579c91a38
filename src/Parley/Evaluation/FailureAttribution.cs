using System.Text.Json;
using Parley.Dialogues;
using Parley.Tasks;
using Parley.Tools;

namespace Parley.Evaluation;

/// <summary>
/// Attributes a failed trial to whoever erred, by rules over the trajectory, in this order: the endpoint (a model call
/// failed), the environment (a tool failed by itself), the user simulator (broke role, ended early), then the agent
/// (a hallucinated, wrong or extra write, a write without confirmation, no progress, a missing write, then a stated value
/// nothing grounded when grounding is a success check). What no rule explains is <see cref="FailureKinds.Unattributed"/>,
/// left to the LLM judge when one is configured (<see cref="LlmFailureJudge"/>).
/// </summary>
internal static class FailureAttribution
{
    private static readonly string[] RoleBreaks = ["as an ai", "language model", "simulat", "my instructions", "i am the user", "this task", "the dataset"];

    /// <summary>Attributes the failure of a trial over <paramref name="tasks"/> in an environment with <paramref name="tools"/>.</summary>
    /// <param name="dialogue">The trajectory; null when no conversation could start.</param>
    /// <param name="reasons">The failed checks or the failure, as written in <c>rejected.jsonl</c>.</param>
    /// <param name="tasks">The trial's tasks.</param>
    /// <param name="tools">The environment's tools (to tell writes from reads).</param>
    public static Attribution Attribute(Dialogue? dialogue, IReadOnlyList<string> reasons, IReadOnlyList<TaskSpec> tasks, IReadOnlyList<ToolSpec> tools)
    {
        var reason = reasons.Count > 0 ? reasons[0] : "failed";
        if (dialogue is null || dialogue.Metadata.Termination == TerminationReason.LlmError)
        {
            return new Attribution(reason.StartsWith("llm", StringComparison.Ordinal) ? FailureKinds.EndpointError : FailureKinds.Unattributed, reason, null, null, [reason]);
        }
        var writes = tools.Where(t => t.Access == ToolAccess.Write).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var trace = Trace.Of(dialogue, writes);
        var failedIndex = FirstFailedTask(dialogue, tasks.Count);
        var expected = tasks.SelectMany((t, i) => t.ExpectedActions.Where(a => writes.Contains(a.Tool)).Select(a => new Expected(i, a, CanonicalJson.Of(a.Arguments)))).ToList();
        var (unmatchedActual, unmatchedExpected) = Match(trace.Writes, expected);

        var findings = new List<(string Kind, string Detail)>();
        foreach (var error in trace.ToolErrors) findings.Add((FailureKinds.ToolError, error));
        foreach (var text in trace.UserTexts.Where(t => RoleBreaks.Any(b => t.Contains(b, StringComparison.OrdinalIgnoreCase))))
            findings.Add((FailureKinds.UserBrokeRole, Clip(text)));
        // A hidden value the user also knows under another name (a travel date that is the departure date) is fair to say.
        var known = tasks.SelectMany(t => t.UserFacts.Values).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (fact, value) in tasks.SelectMany(t => t.HiddenFacts).Where(f => f.Value.Length >= 4 && !known.Contains(f.Value) && trace.RevealedByUser(f.Value)))
            findings.Add((FailureKinds.UserRevealedHiddenFact, $"the user said {fact} '{value}' before any tool returned it"));
        foreach (var write in trace.Writes.Where(w => w.Unsupported is not null))
            findings.Add((FailureKinds.HallucinatedValue, $"{write.Tool}: '{write.Unsupported}' appears nowhere before the call"));
        foreach (var write in unmatchedActual)
        {
            findings.Add(unmatchedExpected.Any(e => e.Action.Tool == write.Tool)
                ? (FailureKinds.WrongWrite, $"{write.Tool} {write.Arguments} was not the expected call")
                : (FailureKinds.ExtraWrite, $"{write.Tool} {write.Arguments} was not asked for"));
        }
        foreach (var write in trace.Writes.Where(w => !w.Confirmed)) findings.Add((FailureKinds.PolicyBreach, $"{write.Tool} was called without confirming it with the user"));
        if (dialogue.Metadata.Termination is TerminationReason.MaxTurns or TerminationReason.AgentStuck)
            findings.Add((FailureKinds.Stuck, $"the dialogue ended with {JsonSerializer.Serialize(dialogue.Metadata.Termination, DialogueJsonContext.Default.TerminationReason)}"));
        if (dialogue.Metadata.Termination == TerminationReason.PrematureEnd && unmatchedExpected.Count > 0)
            findings.Add((FailureKinds.UserEndedEarly, "the user ended the conversation with requests unfinished"));
        foreach (var missing in unmatchedExpected) findings.Add((FailureKinds.MissingWrite, $"{missing.Action.Tool} {missing.Arguments} was never made"));
        if (dialogue.Metadata.Verdict?.Checks.FirstOrDefault(c => c.Name == new CheckName(CheckKind.Grounding) && !c.Passed) is { } grounding)
            findings.Add((FailureKinds.UngroundedStatement, grounding.Detail ?? "the agent stated a value nothing earlier gave"));

        var missingOfFailed = unmatchedExpected.FirstOrDefault(e => e.Task == failedIndex) ?? unmatchedExpected.FirstOrDefault();
        var primary = Primary(findings);
        return new Attribution(
            primary?.Kind ?? FailureKinds.Unattributed,
            primary?.Detail ?? reason,
            failedIndex is { } f && f < tasks.Count ? tasks[f].Id : null,
            missingOfFailed?.Action.SubRequest,
            [.. findings.Select(x => $"{x.Kind}: {x.Detail}")]);
    }

    // The order in which kinds explain a failure: what makes the rest moot first.
    private static readonly string[] Precedence =
    [
        FailureKinds.ToolError, FailureKinds.UserBrokeRole, FailureKinds.HallucinatedValue, FailureKinds.WrongWrite, FailureKinds.ExtraWrite,
        FailureKinds.PolicyBreach, FailureKinds.UserEndedEarly, FailureKinds.Stuck, FailureKinds.MissingWrite, FailureKinds.UngroundedStatement,
    ];

    private static (string Kind, string Detail)? Primary(List<(string Kind, string Detail)> findings)
    {
        foreach (var kind in Precedence)
        {
            foreach (var finding in findings)
            {
                if (finding.Kind == kind) return finding;
            }
        }
        return null;
    }

    private static int? FirstFailedTask(Dialogue dialogue, int tasks)
    {
        var checks = dialogue.Metadata.Verdict?.Checks ?? [];
        for (var i = 0; i < tasks; i++)
        {
            if (checks.Any(c => c.Name == new CheckName(CheckKind.EndState, i).ToString() && !c.Passed)) return i;
        }
        return null;
    }

    private static (List<Trace.Write> Actual, List<Expected> Expected) Match(IReadOnlyList<Trace.Write> actual, List<Expected> expected)
    {
        var open = expected.ToList();
        var extra = new List<Trace.Write>();
        foreach (var write in actual)
        {
            var match = open.FindIndex(e => e.Action.Tool == write.Tool && e.Arguments == write.Arguments);
            if (match >= 0) open.RemoveAt(match);
            else extra.Add(write);
        }
        return (extra, open);
    }

    private static string Clip(string text) => text.Length <= 120 ? text : text[..117] + "...";

    private sealed record Expected(int Task, ExpectedAction Action, string Arguments);
}
