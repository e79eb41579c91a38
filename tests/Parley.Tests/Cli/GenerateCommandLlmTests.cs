using Parley.Cli;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Cli;

[Collection(ConsoleCollection.Name)]
public sealed class GenerateCommandLlmTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task AcceptsAModelForSomeRoles_WithoutAConfigFile()
    {
        await using var server = await OpenAiProtocolServer.StartAsync(request => RoleAwareMock.RoleOf(request) == "user"
            ? ServerReply.Text("""{"thought": null, "message": "Could you help me with my order?", "request_done": false, "current_task_done": false, "end_conversation": true}""")
            : ServerReply.Text("Of course. Which order is it?"));

        var result = await CliTester.RunAsync("generate", "-n", "2", "--domains", "retail", "--out", _temp.Combine("run"),
            "--llm", server.BaseUrl, "--model", "qwen3", "--llm-roles", "user,agent");

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        result.Out.Should().Contain("agent: endpoint=llm model=qwen3").And.Contain("judge: rule-based").And.NotContain("tool_simulator: endpoint");
        server.Requests.Should().NotBeEmpty().And.OnlyContain(r => r.Model == "qwen3");
    }

    [Theory]
    [InlineData("--llm http://127.0.0.1:9/v1", "--llm: needs --model <name>")]
    [InlineData("--model qwen3", "--model: needs --llm <base-url>")]
    [InlineData("--llm http://127.0.0.1:9/v1 --model m --llm-roles user,critic", "unknown role 'critic'; valid roles: designer, planner, user, agent, judge, tools, all")]
    [InlineData("--llm localhost:8000 --model m", "expected an http(s) base URL")]
    public async Task IsAUsageError_WhenTheModelFlagsAreIncomplete(string flags, string message)
    {
        var result = await CliTester.RunAsync(["generate", "-n", "1", "--out", _temp.Combine("run"), .. flags.Split(' ')]);

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Should().Contain(message);
    }

    [Fact]
    public async Task NamesTheLine_WhenTheConfigIsInvalid()
    {
        var config = _temp.Write("parley.yaml", "endpoints:\n  local: { provider: openai, base_url: http://127.0.0.1:9/v1 }\nroles:\n  agent: { endpoint: local, model: m, temperature: hot }\n");

        var result = await CliTester.RunAsync("generate", "-n", "1", "--out", _temp.Combine("run"), "--config", config);

        result.ExitCode.Should().Be(ExitCodes.InvalidInput);
        result.Error.Should().Contain("parley.yaml:4: roles.agent.temperature: expected a number, got 'hot'");
    }
}
