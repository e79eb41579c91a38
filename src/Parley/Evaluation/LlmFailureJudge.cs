using Microsoft.Extensions.AI;
using Parley.Determinism;
using Parley.Dialogues;
using Parley.Llm;
using Parley.Tasks;
using Parley.Tools;
using Parley.Verification;

namespace Parley.Evaluation;

/// <summary>
/// The LLM judge's part in failure attribution: a failed trial that no rule of <see cref="FailureAttribution"/> explains
/// is shown to the judge model (the transcript, the tasks with their expected calls, the failed checks, the rule
/// findings), which names one of the <see cref="FailureKinds"/> and quotes the evidence, in a strict-schema reply.
/// </summary>
/// <remarks>
/// The seed sent derives from the trial's own, so a rerun asks the same question. A model that still fails after its
/// retries and repairs leaves the trial unattributed and says so; it never stops the evaluation. Thread-safe.
/// </remarks>
/// <param name="client">The judge's model.</param>
/// <param name="settings">Model and sampling settings.</param>
internal sealed class LlmFailureJudge(IChatClient client, LlmRoleSettings settings)
{
    /// <summary>Why a trial stays unattributed when no judge is configured.</summary>
    public const string Offline = "no rule explains it, and no LLM judge is configured to decide (--judge with --llm, or roles.judge in --config)";

    /// <summary>The prompt.</summary>
    public Prompt Prompt { get; } = PromptLibrary.Get("failure-attribution.md");

    /// <summary>The closing section after the transcript and the repair messages.</summary>
    public static PromptFragments Fragments { get; } = PromptFragments.Get("failure-attribution.yaml");

    /// <summary>The judge's name in an attribution.</summary>
    public string Name => "llm:" + settings.Model;

    /// <summary>Attributes a failed trial that the rules left as <paramref name="ruled"/>.</summary>
    /// <param name="ruled">The rules' attribution (unattributed), whose findings and failed task are kept.</param>
    /// <param name="dialogue">The trajectory; null when no conversation started (nothing to judge).</param>
    /// <param name="tasks">The trial's tasks.</param>
    /// <param name="tools">The environment's tools.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async ValueTask<Attribution> AttributeAsync(Attribution ruled, Dialogue? dialogue, IReadOnlyList<TaskSpec> tasks, IReadOnlyList<ToolSpec> tools,
        CancellationToken cancellationToken = default)
    {
        if (dialogue is null) return ruled with { Detail = ruled.Detail + "; no conversation for the LLM judge to read" };
        var failed = (dialogue.Metadata.Verdict?.Checks ?? []).Where(c => !c.Passed).Select(c => Fragments.Render("check", ("name", c.Name.ToString()), ("detail", c.Detail ?? Fragments["check_failed"]))).ToList();
        var closing = Fragments.Render("closing", ("checks", failed.Count > 0 ? string.Join("\n", failed) : "- " + ruled.Detail),
            ("findings", ruled.Findings.Count > 0 ? string.Join("; ", ruled.Findings) : Fragments["no_findings"]));
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, Prompt.Text),
            new(ChatRole.User, JudgeInput.Render(new VerificationContext(dialogue, tasks, new ToolCatalog(tools)), closing)),
        };
        try
        {
            var reply = await StructuredOutput.GetAsync(client, messages, FailureJudgeReply.Schema, FailureJudgeReplyJsonContext.Default.FailureJudgeReply,
                settings.CreateOptions(StableSeed.Derive(dialogue.Metadata.Seed, "failure-judge")), r => Validate(r, dialogue.Messages.Count), settings.MaxRepairs, cancellationToken);
            var value = reply.Value;
            var evidence = value.Evidence.Trim() + (value.MessageIndex is { } at ? $" (message {at})" : "");
            return new Attribution(value.Kind, evidence, ruled.FailedTask, ruled.FailedSubRequest, [.. ruled.Findings, $"{Name}: {value.Kind}: {evidence}"], Name);
        }
        catch (LlmException e)
        {
            return ruled with { Detail = $"{ruled.Detail}; no rule explains it, and the LLM judge could not decide ({e.Kind.Label()})" };
        }
    }

    // The kinds and the shape are the schema's; only what ties the reply to this transcript is checked here.
    private static string? Validate(FailureJudgeReply reply, int messages)
    {
        if (reply.MessageIndex is { } at && (at < 1 || at >= messages)) return Fragments.Render("index_outside", ("index", at.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("last", (messages - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (reply.MessageIndex is null && reply.Kind != FailureKinds.Unattributed) return Fragments["index_missing"];
        return null;
    }
}
