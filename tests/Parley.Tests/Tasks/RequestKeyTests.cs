using System.Text.Json;
using Parley.Determinism;
using Parley.Runs;
using Parley.Simulation;
using Parley.Tasks;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Tasks;

public sealed class RequestKeyTests(BuiltEnvironments environments)
{
    [Fact]
    public void IsWrittenAsTaskColonRequest_InASavedState_AndReadBack()
    {
        var json = JsonSerializer.Serialize(State(), RunJsonContext.Default.GenerationState);
        var read = JsonSerializer.Deserialize(json, RunJsonContext.Default.GenerationState)!;

        json.Should().Contain("\"completed\":[\"0:1\",\"2:0\"]").And.Contain("\"done\":[\"0:1\"]").And.Contain("\"key\":\"1:3\"");
        read.Completed.Should().Equal(new RequestKey(0, 1), new RequestKey(2, 0));
        read.UserState.Done.Should().Equal(new RequestKey(0, 1));
        read.AgentState.Unreported.Should().ContainSingle().Which.Should().Be(new KeyValuePair<RequestKey, string>(new RequestKey(1, 3), "done"));
    }

    [Theory]
    [InlineData("\"0\"")]
    [InlineData("\"a:1\"")]
    [InlineData("\":1\"")]
    public void FailsToRead_WhenTheTextIsNoKey(string json)
    {
        var valid = JsonSerializer.Serialize(State(), RunJsonContext.Default.GenerationState);
        JsonSerializer.Deserialize(valid, RunJsonContext.Default.GenerationState).Should().NotBeNull();

        var read = () => JsonSerializer.Deserialize(valid.Replace("\"2:0\"", json, StringComparison.Ordinal), RunJsonContext.Default.GenerationState);

        read.Should().Throw<JsonException>();
    }

    [Fact]
    public void ListsEverySubRequest_TaskByTask()
    {
        var tasks = Planning.Plan(environments.Retail, 21, 2);

        RequestKey.AllOf(tasks).Should().Equal(tasks.SelectMany((t, i) => t.SubRequests.Select((_, r) => new RequestKey(i, r))));
        RequestKey.AllOf(tasks, 1).Should().OnlyContain(k => k.Task == 1).And.HaveCount(tasks[1].SubRequests.Count);
    }

    private static GenerationState State() => new()
    {
        DialogueId = "d",
        Seed = 1,
        EnvironmentId = "e",
        Persona = Persona.Sample("Ann", new SeededRandom(1)),
        Tasks = [],
        Completed = [new RequestKey(0, 1), new RequestKey(2, 0)],
        UserState = new UserState { Done = [new RequestKey(0, 1)] },
        AgentState = new AgentState { Unreported = [new(new RequestKey(1, 3), "done")] },
    };
}
