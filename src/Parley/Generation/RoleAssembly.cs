using Parley.Design;
using Parley.Environments;
using Parley.Llm;
using Parley.Simulation;
using Parley.Tasks;
using Parley.Verification;

namespace Parley.Generation;

/// <summary>
/// Builds a <see cref="Generator"/> from an <see cref="LlmSetup"/>: each role a model plays gets its LLM implementation,
/// every other role stays rule-based (mixed mode), and the engines are recorded per role.
/// </summary>
public static class RoleAssembly
{
    /// <summary>The generator for <paramref name="llm"/>; <see cref="Generator.RuleBased"/> when no role has a model.</summary>
    public static Generator Create(LlmSetup? llm)
    {
        if (llm is null || llm.IsRuleBased) return Generator.RuleBased;
        ITaskPlanner planner = llm.TaskPlanner is { } p ? new LlmTaskPlanner(p.Client, p.Settings) : new ScenarioTaskPlanner();
        IUserSimulator user = llm.UserSimulator is { } u ? new LlmUserSimulator(u.Client, u.Settings) : new AgendaUserSimulator();
        IAgent agent = llm.Agent is { } a
            ? new LlmAgent(a.Client, a.Settings, new LlmAgentOptions { ToolCalling = llm.AgentToolCalling })
            : new OracleAgent();
        var verifier = llm.Judge is { } j ? DialogueVerifier.Default.WithJudge(new LlmJudge(j.Client, j.Settings)) : DialogueVerifier.Default;
        IEnvironmentDesigner designer = llm.EnvironmentDesigner is { } d
            ? new LlmEnvironmentDesigner(d.Client, d.Settings)
            : new CatalogEnvironmentDesigner(DomainCatalog.BuiltIn);
        var simulated = llm.ToolMode == ToolExecutionMode.Simulated ? llm.ToolSimulator ?? llm.Agent : null;
        var engines = new RoleEngines(
            Engine(llm.EnvironmentDesigner, RoleEngines.RuleBased.Designer),
            Engine(llm.TaskPlanner, RoleEngines.RuleBased.Planner),
            Engine(llm.UserSimulator, RoleEngines.RuleBased.User),
            Engine(llm.Agent, RoleEngines.RuleBased.Agent),
            Engine(llm.Judge, RoleEngines.RuleBased.Judge));
        var dialogues = new DialogueGenerator(planner, user, agent, verifier, engines)
        {
            McpPlanner = llm.TaskPlanner is { } m ? new Mcp.McpLlmTaskPlanner(m.Client, m.Settings) : new Mcp.McpTaskPlanner(),
            ToolExecutor = simulated is null ? null : (env, state) => new SimulatedToolExecutor(simulated.Client, simulated.Settings, env.Tools, state.Seed, state.Messages),
        };
        return new Generator(dialogues, designer, DomainCatalog.BuiltIn) { Usage = new UsageMeterSource(llm.Usage) };
    }

    private static string Engine(RoleModel? model, string ruleBased) => model is null ? ruleBased : "llm:" + model.Settings.Model;
}
