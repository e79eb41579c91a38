using Microsoft.Extensions.AI;
using Parley.Determinism;
using Parley.Dialogues;
using Parley.Llm;

namespace Parley.Verification;

/// <summary>
/// The LLM judge: checks a dialogue against its tasks' rubrics (goal and sub-request goals, expected tool use,
/// checkpoints), classifies each unmet point as critical, structural, non-critical or an invalid rubric, and scores the
/// simulated user's naturalness and rule adherence and the agent's helpfulness. Only a critical issue rejects.
/// </summary>
/// <remarks>
/// A reply that is not the JSON asked for is sent back for repair (up to <see cref="LlmRoleSettings.MaxRepairs"/>). When
/// the judge's model still fails after its retries and repairs, the dialogue is rejected with a failed
/// <c>judge_unavailable</c> check naming the failure kind: never kept as if judged, and kept in rejected.jsonl for a
/// later look. An endpoint that cannot answer at all stops the run instead (<see cref="EndpointBreaker"/>).
/// Thread-safe; holds no per-dialogue state.
/// </remarks>
/// <param name="client">The judge's model.</param>
/// <param name="settings">Model and sampling settings; the seed sent derives from the dialogue's seed.</param>
internal sealed class LlmJudge(IChatClient client, LlmRoleSettings settings) : IJudge, IVerifier
{
    /// <summary>The judge's prompt (its hash goes into every report).</summary>
    public Prompt Prompt { get; } = PromptLibrary.Get("judge.md");

    /// <inheritdoc />
    public async ValueTask<JudgeReport> JudgeAsync(VerificationContext context, CancellationToken cancellationToken = default)
    {
        var prompt = $"{Prompt.Tag} {JudgeInput.Fragments.File.Tag} {StructuredOutput.Fragments.File.Tag} {settings.Describe()}";
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, Prompt.Text),
            new(ChatRole.User, JudgeInput.Render(context)),
        };
        var counter = new UsageCountingChatClient(client);
        try
        {
            var reply = await counter.RunAsync(() => StructuredOutput.GetAsync(counter, messages, JudgeReply.Schema, JudgeReplyJsonContext.Default.JudgeReply,
                settings.CreateOptions(StableSeed.Derive(context.Dialogue.Metadata.Seed, "judge")), Validate, settings.MaxRepairs, cancellationToken));
            var value = reply.Value;
            var issues = value.Issues.Select(i => new JudgeIssue(Severity(i.Severity), i.Description.Trim())).ToList();
            var valid = issues.All(i => i.Severity != JudgeSeverity.Critical);
            return new JudgeReport
            {
                Judgment = valid ? JudgeReport.Valid : JudgeReport.Invalid,
                Passed = valid,
                Scores = new Dictionary<string, int>
                {
                    ["user_naturalness"] = value.Scores.UserNaturalness,
                    ["user_rule_adherence"] = value.Scores.UserRuleAdherence,
                    ["agent_helpfulness"] = value.Scores.AgentHelpfulness,
                },
                Issues = issues,
                Reasoning = value.Reasoning?.Trim(),
                Prompt = prompt,
                Usage = counter.Usage,
            };
        }
        catch (LlmException e)
        {
            return new JudgeReport { Judgment = JudgeReport.Unavailable, Passed = false, Failure = e.Kind.Label(), Prompt = prompt, Usage = e.Usage is { Requests: > 0 } spent ? spent : null };
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<CheckResult>> VerifyAsync(VerificationContext context, CancellationToken cancellationToken = default) =>
        [(await JudgeAsync(context, cancellationToken)).ToCheck()];

    // Enums, bounds and required fields are the schema's (JudgeReply.Schema); only the rule tying two fields together is here.
    private static string? Validate(JudgeReply reply)
    {
        var critical = reply.Issues.Any(i => i.Severity == "critical");
        if (critical != (reply.Judgment == JudgeReport.Invalid))
        {
            return JudgeInput.Fragments[critical ? "critical_not_invalid" : "invalid_not_critical"];
        }
        return null;
    }

    private static JudgeSeverity Severity(string label) => label switch
    {
        "critical" => JudgeSeverity.Critical,
        "structural" => JudgeSeverity.Structural,
        "non_critical" => JudgeSeverity.NonCritical,
        _ => JudgeSeverity.InvalidRubric,
    };
}
