using Parley.Generation;
using Parley.Simulation;
using Parley.Tasks;
using Parley.Verification;

namespace Parley.Evaluation;

/// <summary>
/// The roles of an evaluation: the agent under test, the user simulator (agenda, or the LLM user when one is
/// configured), the planner of held-out tasks, and a verifier of every task's end state (plus the judge when one is
/// configured). Structure is not checked: a trial is scored on outcomes, not on how tidy its messages were.
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
        var verifier = new DialogueVerifier([new EndStateVerifier()]);
        if (llm?.Judge is { } j) verifier = verifier.WithJudge(new LlmJudge(j.Client, j.Settings));
        var engines = new RoleEngines(
            rules.Designer,
            llm?.TaskPlanner is { } tp ? "llm:" + tp.Settings.Model : rules.Planner,
            llm?.UserSimulator is { } us ? "llm:" + us.Settings.Model : rules.User,
            options.Agent switch { AgentUnderTest.Llm => "llm:" + llm!.Agent!.Settings.Model, AgentUnderTest.ReadOnly => ReadOnlyAgent.Engine, _ => rules.Agent },
            llm?.Judge is { } jm ? "llm:" + jm.Settings.Model : rules.Judge);
        return new DialogueGenerator(planner, user, agent, verifier, engines);
    }
}
