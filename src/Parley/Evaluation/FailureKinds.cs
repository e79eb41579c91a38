namespace Parley.Evaluation;

/// <summary>
/// The names of the failure kinds a failed trial is attributed to, by whose error it was: the agent under test, the
/// user simulator, the environment (its tools), or the model endpoint. Stable: they are keys of <c>results.json</c>.
/// </summary>
internal static class FailureKinds
{
    /// <summary>An expected write was never made.</summary>
    public const string MissingWrite = "agent.missing_write";
    /// <summary>A write of an expected tool was made with other arguments.</summary>
    public const string WrongWrite = "agent.wrong_write";
    /// <summary>A write no task asked for.</summary>
    public const string ExtraWrite = "agent.extra_write";
    /// <summary>A write made without first putting it to the user for confirmation.</summary>
    public const string PolicyBreach = "agent.policy_breach";
    /// <summary>A write argument found nowhere in the conversation before it (neither said nor returned by a tool).</summary>
    public const string HallucinatedValue = "agent.hallucinated_value";
    /// <summary>The agent stated a value (an amount, date, id, number) that no tool result, user message or the policy gave (the grounding check).</summary>
    public const string UngroundedStatement = "agent.ungrounded_statement";
    /// <summary>The agent made no progress: the turn limit was reached or it had nothing to send.</summary>
    public const string Stuck = "agent.stuck";
    /// <summary>The user simulator ended the conversation before its requests were done.</summary>
    public const string UserEndedEarly = "user.ended_early";
    /// <summary>The user simulator gave a fact it was not supposed to know before a tool returned it.</summary>
    public const string UserRevealedHiddenFact = "user.revealed_hidden_fact";
    /// <summary>The user simulator spoke as something other than the user (a model, a simulator, a task).</summary>
    public const string UserBrokeRole = "user.broke_role";
    /// <summary>A tool failed for a reason of its own (an SQL error, a timeout), not the arguments it was given.</summary>
    public const string ToolError = "environment.tool_error";
    /// <summary>A model call failed after its retries and repairs.</summary>
    public const string EndpointError = "endpoint.error";
    /// <summary>No rule explains the failure, and no LLM judge did (or none was configured).</summary>
    public const string Unattributed = "unattributed";

    /// <summary>Every kind a failure can be attributed to, <see cref="Unattributed"/> last.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        MissingWrite, WrongWrite, ExtraWrite, PolicyBreach, HallucinatedValue, UngroundedStatement, Stuck,
        UserEndedEarly, UserRevealedHiddenFact, UserBrokeRole, ToolError, EndpointError, Unattributed,
    ];
}
