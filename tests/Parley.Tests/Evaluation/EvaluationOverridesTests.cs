using Parley.Evaluation;
using Parley.Generation;

namespace Parley.Tests.Evaluation;

public sealed class EvaluationOverridesTests
{
    [Fact]
    public void StartsFromTheDefaults_WhenNothingIsGivenForANewEvaluation()
    {
        var options = new EvaluationOverrides().Resolve(null, null);

        options.Should().BeEquivalentTo(new EvaluationOptions { Output = EvaluationOverrides.DefaultOutput, Concurrency = Environment.ProcessorCount });
    }

    [Fact]
    public void ChangesOnlyWhatWasGiven_WhenResumingAStoredEvaluation()
    {
        var stored = new EvaluationOptions { Output = "evals/a", Count = 7, Trials = 3, Seed = 9, Agent = AgentUnderTest.ReadOnly, Domains = ["retail"], MaxTurns = 30, Resume = true };

        var options = new EvaluationOverrides { MaxTurns = 40, Success = "grounding", Concurrency = 2 }.Resolve(stored, null);

        options.Should().BeEquivalentTo(stored with { MaxTurns = 40, Success = SuccessChecks.EndState | SuccessChecks.Grounding, Concurrency = 2 });
    }

    [Fact]
    public void RefusesAGivenValue_ThatDiffersFromTheStoredOne_NamingBoth()
    {
        var stored = new EvaluationOptions { Output = "evals/a", Trials = 2, Resume = true };

        var options = new EvaluationOverrides { Trials = 3, Agent = "oracle" }.Resolve(stored, null);

        options.ConflictsWith(stored.ToStored()).Should().Equal("--trials: the evaluation was started with '2', not '3'");
    }

    [Fact]
    public void ComparesASettingTheStoredEvaluationLacks_WithItsDefault()
    {
        var stored = new EvaluationOptions { Output = "evals/a" }.ToStored().Where(kv => kv.Key != "agent_tools").ToDictionary();

        new EvaluationOverrides { Output = "evals/a" }.Resolve(null, null).ConflictsWith(stored).Should().BeEmpty();
        new EvaluationOverrides { Output = "evals/a", AgentTools = "mcp" }.Resolve(null, null).ConflictsWith(stored)
            .Should().Equal("--agent-tools: the evaluation was started with 'direct', not 'mcp'");
    }

    [Fact]
    public void RefusesAnUnknownAgent_NamingTheFlag()
    {
        var act = () => new EvaluationOverrides { Agent = "human" }.Resolve(null, null);

        act.Should().Throw<ParleyException>().Which.Message.Should().Contain("--agent").And.Contain("human");
    }
}
