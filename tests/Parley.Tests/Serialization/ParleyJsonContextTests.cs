using System.Text.Json;
using Parley.Dialogues;
using Parley.Export;
using Parley.Generation;
using Parley.Runs;
using Parley.Serialization;
using Parley.Simulation;
using Parley.Tasks;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Serialization;

public sealed class ParleyJsonContextTests(GeneratedRuns runs)
{
    private static Dialogue HandBuilt() => new()
    {
        Id = "dlg-test-000001",
        Messages =
        [
            new SystemMessage { Content = "You are helpful." },
            new UserMessage { Content = "Where is my order?" },
            new AssistantMessage { ToolCalls = [new ToolCall("call_1", new FunctionCall("get_order_status", "{\"order_id\":5001}"))] },
            new ToolMessage { ToolCallId = "call_1", Name = "get_order_status", Content = "{\"status\":\"shipped\"}" },
            new AssistantMessage { Content = "It has shipped.", ReasoningContent = "looked it up" },
        ],
        Tools = [],
        Metadata = new DialogueMetadata
        {
            EnvironmentId = "retail",
            Domain = "retail",
            Mode = DialogueMode.TaskOriented,
            Seed = ulong.MaxValue,
            Index = 1,
            Tasks = ["t0"],
            Engines = new Dictionary<string, string> { ["agent"] = "oracle" },
            Termination = TerminationReason.UserEnded,
            Counts = new DialogueCounts(4, 1, 2, 1, 0, 1, 1),
            TaskEndStates = ["abc", null],
            Verdict = new Verdict([new CheckResult("messages", true), new CheckResult("end_state[0]", false, "differs")]),
        },
    };

    [Fact]
    public void KeepsRoleDiscriminatorsAndOpenAiShape_WhenDialogueIsSerialised()
    {
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(HandBuilt(), DialogueJsonContext.Default.Dialogue));
        var messages = json.RootElement.GetProperty("messages");

        messages.EnumerateArray().Select(m => m.GetProperty("role").GetString()).Should().Equal("system", "user", "assistant", "tool", "assistant");
        var call = messages[2].GetProperty("tool_calls")[0];
        call.GetProperty("id").GetString().Should().Be("call_1");
        call.GetProperty("type").GetString().Should().Be("function");
        call.GetProperty("function").GetProperty("name").GetString().Should().Be("get_order_status");
        call.GetProperty("function").GetProperty("arguments").ValueKind.Should().Be(JsonValueKind.String);
        call.GetProperty("function").GetProperty("arguments").GetString().Should().Be("{\"order_id\":5001}");
        messages[2].GetProperty("content").GetString().Should().Be("", "a tool-call-only message has empty content, which chat templates need");
        messages[3].GetProperty("tool_call_id").GetString().Should().Be("call_1");
        messages[3].GetProperty("name").GetString().Should().Be("get_order_status");
        messages[4].GetProperty("reasoning_content").GetString().Should().Be("looked it up");
        json.RootElement.GetProperty("metadata").GetProperty("mode").GetString().Should().Be("task-oriented");
        json.RootElement.GetProperty("metadata").GetProperty("termination").GetString().Should().Be("user_ended");
        json.RootElement.GetProperty("metadata").GetProperty("seed").GetUInt64().Should().Be(ulong.MaxValue);
    }

    [Fact]
    public void RestoresEveryMessageType_WhenDialogueIsReadBack()
    {
        var original = HandBuilt();

        var text = JsonSerializer.Serialize(original, DialogueJsonContext.Default.Dialogue);
        var read = JsonSerializer.Deserialize(text, DialogueJsonContext.Default.Dialogue)!;

        read.Messages.Select(m => m.GetType()).Should().Equal(original.Messages.Select(m => m.GetType()));
        read.Messages.Should().BeEquivalentTo(original.Messages, o => o.PreferringRuntimeMemberTypes().WithStrictOrdering());
        read.Metadata.Should().BeEquivalentTo(original.Metadata);
        JsonSerializer.Serialize(read, DialogueJsonContext.Default.Dialogue).Should().Be(text);
    }

    [Fact]
    public void ReadsMessage_WhenRoleIsNotTheFirstProperty()
    {
        var dialogue = JsonSerializer.Serialize(HandBuilt(), DialogueJsonContext.Default.Dialogue)
            .Replace("{\"role\":\"user\",\"content\":\"Where is my order?\"}", "{\"content\":\"Where is my order?\",\"role\":\"user\"}", StringComparison.Ordinal);

        var read = JsonSerializer.Deserialize(dialogue, DialogueJsonContext.Default.Dialogue)!;

        read.Messages[1].Should().BeOfType<UserMessage>().Which.Content.Should().Be("Where is my order?");
    }

    [Theory]
    [InlineData("{\"role\":\"user\",\"content\":\"Where is my order?\"}", "{\"role\":\"user\",\"content\":\"Where is my order?\",\"mood\":\"sad\"}")]
    [InlineData("{\"role\":\"user\",\"content\":\"Where is my order?\"}", "{\"role\":\"customer\",\"content\":\"Where is my order?\"}")]
    public void Throws_WhenMessageHasUnknownPropertyOrRole(string original, string replacement)
    {
        var dialogue = JsonSerializer.Serialize(HandBuilt(), DialogueJsonContext.Default.Dialogue).Replace(original, replacement, StringComparison.Ordinal);

        var read = () => JsonSerializer.Deserialize(dialogue, DialogueJsonContext.Default.Dialogue);

        read.Should().Throw<JsonException>();
    }

    [Fact]
    public async Task RoundTripsEveryLine_WhenRunFilesAreReadAndWrittenAgain()
    {
        var run = await runs.RetailAsync();

        foreach (var line in run.Lines(OutputDirectory.DialoguesFile))
        {
            JsonSerializer.Serialize(JsonSerializer.Deserialize(line, DialogueJsonContext.Default.Dialogue)!, DialogueJsonContext.Relaxed.Dialogue).Should().Be(line);
        }
        foreach (var line in run.Lines(OutputDirectory.TasksFile))
        {
            JsonSerializer.Serialize(JsonSerializer.Deserialize(line, RunJsonContext.Default.TaskSpec)!, RunJsonContext.Relaxed.TaskSpec).Should().Be(line);
        }
        var manifest = File.ReadAllText(run.PathOf(OutputDirectory.ManifestFile));
        JsonSerializer.Deserialize(manifest, RunJsonContext.Default.Manifest).Should().BeEquivalentTo(run.Manifest);
    }

    [Fact]
    public async Task KeepsExpectedActionArgumentsAsJsonObjects_WhenTaskIsRoundTripped()
    {
        var run = await runs.RetailAsync();
        var task = run.Tasks.First(t => t.ExpectedActions.Count > 1);

        var read = JsonSerializer.Deserialize(JsonSerializer.Serialize(task, RunJsonContext.Default.TaskSpec), RunJsonContext.Default.TaskSpec)!;

        read.ExpectedActions.Select(a => a.Arguments.ValueKind).Should().AllBeEquivalentTo(JsonValueKind.Object);
        read.ExpectedActions.Select(a => (a.Tool, a.Arguments.GetRawText(), a.SubRequest))
            .Should().Equal(task.ExpectedActions.Select(a => (a.Tool, a.Arguments.GetRawText(), a.SubRequest)));
        read.SubRequests.Should().BeEquivalentTo(task.SubRequests, o => o.ComparingByMembers<JsonElement>().Excluding(s => s.Calls));
        read.UserFacts.Should().Equal(task.UserFacts);
        read.ExpectedEndState.Should().Be(task.ExpectedEndState);
    }

    [Fact]
    public async Task RoundTripsPausedStates_ByteForByte()
    {
        var run = await runs.RetailAsync(pauseAfter: 6);
        var lines = run.Lines(OutputDirectory.StatesFile);

        lines.Should().HaveCount(GeneratedRuns.Count);
        foreach (var line in lines)
        {
            var state = JsonSerializer.Deserialize(line, RunJsonContext.Default.GenerationState)!;
            state.Next.Should().NotBe(Speaker.Done);
            state.Termination.Should().Be(TerminationReason.InProgress);
            JsonSerializer.Serialize(state, RunJsonContext.Relaxed.GenerationState).Should().Be(line);
        }
    }

    [Fact]
    public async Task RoundTripsEnvironmentFile_WithItsRows()
    {
        var run = await runs.RetailAsync();
        var path = run.EnvironmentPath("retail");

        var spec = ArtifactLoader.ReadEnvironment(path);

        spec.Data.Should().NotBeNull();
        spec.Data!["customers"].Rows.Should().HaveCount(40);
        spec.Seed.Should().BeNull();
        var indented = new RunJsonContext(new JsonSerializerOptions(RunJsonContext.Default.Options) { WriteIndented = true });
        (JsonSerializer.Serialize(spec, indented.EnvironmentSpec) + "\n").Should().Be(File.ReadAllText(path));
    }

    [Fact]
    public void RoundTripsAStateWithLlmUsageAndFailure()
    {
        var state = new GenerationState
        {
            DialogueId = "dlg-llm", Seed = 3, EnvironmentId = "retail", Persona = new Persona(), Tasks = [],
            Usage = new Dictionary<string, TokenUsage> { ["agent"] = new() { Requests = 2, InputTokens = 900, CachedInputTokens = 512, OutputTokens = 80 } },
            UnknownToolCalls = 1,
            Termination = TerminationReason.LlmError,
            Failure = "llm: empty: agent: the reply was empty (after 1 repair)",
        };

        var json = JsonSerializer.Serialize(state, RunJsonContext.Default.GenerationState);
        var back = JsonSerializer.Deserialize(json, RunJsonContext.Default.GenerationState)!;

        json.Should().Contain("\"termination\":\"llm_error\"").And.Contain("\"cached_input_tokens\":512");
        back.Usage!["agent"].Should().Be(state.Usage["agent"]);
        (back.UnknownToolCalls, back.Failure, back.Termination).Should().Be((1, state.Failure, TerminationReason.LlmError));
        JsonSerializer.Serialize(new GenerationState { DialogueId = "d", Seed = 1, EnvironmentId = "e", Persona = new Persona(), Tasks = [] }, RunJsonContext.Default.GenerationState)
            .Should().NotContain("\"usage\"").And.NotContain("\"unknown_tool_calls\"").And.NotContain("\"failure\"", "rule-based states stay as they were");
    }

    [Fact]
    public void ReadsAPausedState_WhoseActsStillCarryPlannedCalls()
    {
        var saved = JsonSerializer.Serialize(new GenerationState
        {
            DialogueId = "d", Seed = 1, EnvironmentId = "e", Persona = new Persona(), Tasks = [],
            UserActs = [new DialogueAct(ActType.Request) { Task = 0, Request = 0 }],
        }, RunJsonContext.Default.GenerationState).Replace("\"task\":0,\"request\":0}", "\"task\":0,\"request\":0,\"calls\":[{\"tool\":\"get_order\",\"args\":{\"order_id\":\"{order_id}\"}}],\"decline\":null}", StringComparison.Ordinal);

        var back = JsonSerializer.Deserialize(saved, RunJsonContext.Default.GenerationState)!;

        saved.Should().Contain("\"calls\":[", "the state is written as an older version wrote it");
        back.UserActs.Should().ContainSingle().Which.Key.Should().Be(new RequestKey(0, 0));
    }
}
