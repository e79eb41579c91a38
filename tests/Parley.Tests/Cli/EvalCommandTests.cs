using System.Text.Json;
using Parley.Cli;
using Parley.Determinism;
using Parley.Evaluation;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Cli;

[Collection(ConsoleCollection.Name)]
public sealed class EvalCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    // A model that answers at random: chatter, or a call of a random tool with random arguments.
    private static ServerReply Random(ChatCompletionRequest request)
    {
        var rng = new SeededRandom(StableSeed.Derive(99, "random-model", request.Index));
        var tools = request.Tools is { ValueKind: JsonValueKind.Array } list ? list.EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString()!).ToList() : [];
        if (tools.Count == 0 || rng.Chance(0.5)) return ServerReply.Text(rng.Pick(["Sure.", "Banana.", "I think so?", "Could you repeat that?", "Done!"]));
        return ServerReply.Calls(new ServerToolCall($"call_{request.Index}", rng.Pick(tools), $$"""{"id": {{rng.Next(1000)}}, "name": "x{{rng.Next(99)}}"}"""));
    }

    [Fact]
    public async Task ScoresARandomModelNearZero_WithoutCrashing_AndReportsWhy()
    {
        await using var server = await OpenAiProtocolServer.StartAsync(Random);
        var folder = _temp.Combine("eval");

        var result = await CliTester.RunAsync("eval", "--domains", "retail,library", "-n", "4", "--trials", "2", "--agent", "llm",
            "--llm", server.BaseUrl, "--model", "random", "--max-turns", "40", "--out", folder, "--progress", "none");

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        result.Out.Should().Contain("pass^2").And.Contain("failed trials");
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, Evaluator.ResultsFile)));
        json.RootElement.GetProperty("pass_hat_k").GetProperty("1").GetProperty("value").GetDouble().Should().BeLessThan(0.1);
        json.RootElement.GetProperty("agent").GetString().Should().Be("llm:random");
        json.RootElement.GetProperty("failures").EnumerateObject().Sum(f => f.Value.GetInt32()).Should().BeGreaterThan(6);
        server.RequestCount.Should().BeGreaterThan(8);
    }

    [Fact]
    public async Task IsAUsageError_WhenTheLlmAgentHasNoModel()
    {
        var result = await CliTester.RunAsync("eval", "--agent", "llm", "--out", _temp.Combine("eval"));

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Should().Contain("--agent llm needs a model");
    }

    [Fact]
    public async Task LeavesHeldOutTasksOutOfAnExport()
    {
        var run = _temp.Combine("run");
        (await CliTester.RunAsync("generate", "-n", "12", "--domains", "retail", "--out", run, "--progress", "none")).ExitCode.Should().Be(ExitCodes.Ok);
        var evaluation = _temp.Combine("eval");
        (await CliTester.RunAsync("eval", "--from", run, "-n", "5", "--out", evaluation, "--progress", "none")).ExitCode.Should().Be(ExitCodes.Ok);
        var file = _temp.Combine("train.jsonl");

        var result = await CliTester.RunAsync("export", run, "-f", "openai", "--out", file, "--exclude-tasks", evaluation);

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        result.Out.Should().MatchRegex(@"\b([5-9]|1[0-2]) dialogues left out");
        File.ReadLines(file).Count().Should().BeLessThanOrEqualTo(7);
    }

    [Fact]
    public async Task RefusesToResumeWithAConflictingFlag_InOneLine_AndAcceptsTheSameValue()
    {
        var folder = _temp.Combine("eval");
        (await CliTester.RunAsync("eval", "--domains", "retail", "-n", "2", "--trials", "2", "--agent", "weak", "--out", folder, "--progress", "none")).ExitCode.Should().Be(ExitCodes.Ok);

        var conflicting = await CliTester.RunAsync("eval", "--resume", folder, "--trials", "3", "--progress", "none");
        var same = await CliTester.RunAsync("eval", "--resume", folder, "--trials", "2", "--agent", "read-only", "--progress", "none");

        conflicting.ExitCode.Should().Be(ExitCodes.Usage);
        conflicting.Error.Trim().Should().NotContain("\n").And.Contain("--trials: the evaluation was started with '2', not '3'");
        same.ExitCode.Should().Be(ExitCodes.Ok, same.Error);
        same.Out.Should().Contain("2 tasks × 2 trials");
    }

    [Fact]
    public async Task EvaluatesOverMcp_WithGroundingAsASuccessCheck_WhenAsked()
    {
        var folder = _temp.Combine("eval");

        var result = await CliTester.RunAsync("eval", "--domains", "library", "-n", "2", "--agent-tools", "mcp", "--success", "end-state,grounding", "--out", folder, "--progress", "none");

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, Evaluator.ResultsFile)));
        json.RootElement.GetProperty("agent_tools").GetString().Should().Be("mcp");
        json.RootElement.GetProperty("success").GetString().Should().Be("end-state,grounding");
        json.RootElement.GetProperty("trials_passed").GetInt32().Should().Be(2);
    }
}
