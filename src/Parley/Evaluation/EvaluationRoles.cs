using Parley.Generation;
using Parley.Simulation;
using Parley.Tasks;
using Parley.Verification;

namespace Parley.Evaluation;

/// <summary>
/// The roles of an evaluation: the agent under test, the user simulator (agenda, or the LLM user when one is
/// configured), the planner of held-out tasks, and a verifier of every task's end state (plus the judge when one is
/// configured and asked for, and grounding when asked for). Structure is not checked: a trial is scored on outcomes, not
/// on how tidy its messages were.
/// </summary>
internal static class EvaluationRoles
{
    public static DialogueGenerator Create(EvaluationOptions options)
    {
        var llm = options.Llm;
        var rules = RoleEngines.RuleBased;
        IUserSimulator user = llm?.UserSimulator is { } u ? new LlmUserSimulator(u.Client, u.Settings) : new AgendaUserSimulator();
        ITaskPlanner planner = llm?.TaskPlanner is { } p ? new LlmTaskPlanner(p.Client, p.Settings) : new ScenarioTaskPlanner();
        IAgent agent = options.Agent switch
        {
            AgentUnderTest.Llm => new LlmAgent(llm!.Agent!.Client, llm.Agent.Settings, new LlmAgentOptions { ToolCalling = llm.AgentToolCalling }),
            AgentUnderTest.ReadOnly => new ReadOnlyAgent(),
            _ => new OracleAgent(),
        };
        var verifier = Verifier(options);
        var engines = new RoleEngines(
            rules.Designer,
            llm?.TaskPlanner is { } tp ? "llm:" + tp.Settings.Model : rules.Planner,
            llm?.UserSimulator is { } us ? "llm:" + us.Settings.Model : rules.User,
            options.Agent switch { AgentUnderTest.Llm => "llm:" + llm!.Agent!.Settings.Model, AgentUnderTest.ReadOnly => ReadOnlyAgent.Engine, _ => rules.Agent },
            llm?.Judge is { } jm ? "llm:" + jm.Settings.Model : rules.Judge);
        return new DialogueGenerator(planner, user, agent, verifier, engines) { ToolsOverMcp = options.AgentTools == AgentToolAccess.Mcp };
    }

    /// <summary>The checks a trial must pass: every task's end state (or an MCP environment's calls and probe), then what <see cref="EvaluationOptions.Success"/> adds.</summary>
    public static DialogueVerifier Verifier(EvaluationOptions options)
    {
        // An environment served by an MCP server of its own is checked by its calls and state probe instead of its database.
        IVerifier[] checks = options.Success.HasFlag(SuccessChecks.Grounding)
            ? [new EndStateVerifier(), new McpVerifier(), new GroundingVerifier()]
            : [new EndStateVerifier(), new McpVerifier()];
        var verifier = new DialogueVerifier(checks);
        // A judge configured only to attribute failures does not score trials.
        if (options.Llm?.Judge is { } j && options.Success.HasFlag(SuccessChecks.Judge)) verifier = verifier.WithJudge(new LlmJudge(j.Client, j.Settings));
        return verifier;
    }
}
