using System.Diagnostics;
using System.Text.Json.Nodes;
using Parley.Cli;
using Parley.Export;
using Parley.Runs;
using Parley.Tests.Llm;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Cli;

/// <summary>
/// <c>parley generate</c> against a local OpenAI-protocol server that fails: what cannot succeed stops the run with exit
/// code 69, one line naming the endpoint and the cause, and an interrupted, resumable run folder; what one dialogue
/// suffers rejects that dialogue only. Retries and timeouts are configured tiny, so no test waits on real back-off.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class GenerateLlmFailureTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Config(string baseUrl, string extra = "", string roles = "user_simulator,agent")
    {
        var lines = string.Join('\n', roles.Split(',').Select(r => $"  {r}: {{ endpoint: local, model: m }}"));
        return _temp.Write("parley.yaml", $"endpoints:\n  local: {{ provider: openai, base_url: {baseUrl}, max_retries: 0{extra} }}\nroles:\n{lines}\n");
    }

    private async Task<(CliResult Result, TimeSpan Took)> Generate(string run, params string[] flags)
    {
        var clock = Stopwatch.StartNew();
        var result = await CliTester.RunAsync(["generate", "-n", "4", "--domains", "retail", "--out", run, "--progress", "none", .. flags]);
        return (result, clock.Elapsed);
    }

    private static JsonNode Manifest(string run) => JsonNode.Parse(File.ReadAllText(Path.Combine(run, OutputDirectory.ManifestFile)))!;

    private static void ShouldStopResumably(CliResult result, string run, string cause)
    {
        result.ExitCode.Should().Be(ExitCodes.EndpointUnavailable, result.Out + result.Error);
        result.Error.TrimEnd().Split('\n').Should().ContainSingle("one clear line, no stack trace")
            .Which.Should().StartWith("error: model endpoint 'local' (").And.Contain(cause).And.EndWith($"`parley generate --resume {run}` once this is fixed");
        Manifest(run)["interrupted"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task StopsTheRun_WhenNothingListens()
    {
        var run = _temp.Combine("dead");

        var (result, took) = await Generate(run, "--config", Config(EndpointFailureTests.DeadBaseUrl()));

        ShouldStopResumably(result, run, "): unreachable: ");
        took.Should().BeLessThan(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData(401, "): unauthorized: HTTP 401: invalid_api_key")]
    [InlineData(404, "): not_found: HTTP 404")]
    public async Task StopsTheRun_WhenTheEndpointRefuses(int status, string cause)
    {
        await using var server = await OpenAiProtocolServer.StartAsync(ServerReply.Error(status, status == 401 ? "invalid_api_key" : "not_found", "no"));
        var run = _temp.Combine("refused");

        var (result, _) = await Generate(run, "--config", Config(server.BaseUrl));

        ShouldStopResumably(result, run, cause);
        server.RequestCount.Should().BeLessThanOrEqualTo(8, "once the breaker is open no request is sent; only those already in flight (the endpoint allows 8 at once)");
    }

    [Fact]
    public async Task StopsTheRun_WhenTheServerNeverAnswers()
    {
        await using var server = await OpenAiProtocolServer.StartAsync(ServerReply.After(TimeSpan.FromMinutes(10), ServerReply.Text("late")));
        var run = _temp.Combine("silent");

        var (result, took) = await Generate(run, "--config", Config(server.BaseUrl, ", timeout_seconds: 1, call_timeout_seconds: 1"));

        ShouldStopResumably(result, run, "): timeout: ");
        took.Should().BeLessThan(TimeSpan.FromSeconds(30), "each call is bounded by call_timeout_seconds");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"id":"x","object":"chat.completion","created":1,"model":"m","choices":[]}""")]
    public async Task StopsTheRun_WhenEveryReplyIsMalformed(string body)
    {
        await using var server = await OpenAiProtocolServer.StartAsync(new ServerReply.Malformed(body));
        var run = _temp.Combine("malformed");

        var (result, _) = await Generate(run, "--config", Config(server.BaseUrl, ", max_consecutive_failures: 3"), "--concurrency", "1");

        ShouldStopResumably(result, run, "): empty: the reply had no choices or no message (a malformed 200 body) (3 calls in a row failed after their retries)");
    }

    [Fact]
    public async Task NeverRunsACutOffToolCall()
    {
        await using var server = await OpenAiProtocolServer.StartAsync(request => RoleAwareMock.RoleOf(request) == "user"
            ? ServerReply.Text("""{"thought": null, "message": "Could you find the blue conversation lamp?", "request_done": false, "current_task_done": false, "end_conversation": false}""")
            : new ServerReply.Message(null, [new ServerToolCall("call_1", "search_products", "{\"query\": \"conversati")], "length", null));
        var run = _temp.Combine("cut");

        var (result, _) = await Generate(run, "--config", Config(server.BaseUrl));

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        server.Requests.Should().NotContain(r => r.Roles.Contains("tool"), "no tool ran, so no result was ever sent back");
        var rejected = File.ReadLines(Path.Combine(run, OutputDirectory.RejectedFile)).Select(l => JsonNode.Parse(l)!).ToList();
        rejected.Should().HaveCount(4).And.AllSatisfy(r =>
        {
            r["reasons"]![0]!.GetValue<string>().Should().StartWith("llm: truncated: agent: the reply was cut off by the token limit in the middle of a tool call");
            r["dialogue"]!["messages"]!.AsArray().Should().NotContain(m => m!["role"]!.GetValue<string>() == "tool");
            r["dialogue"]!["metadata"]!["usage"]!["agent"]!["requests"]!.GetValue<long>().Should().Be(2, "the cut-off reply and its failed repair were paid for");
        });
    }

    [Fact]
    public async Task RejectsWithJudgeUnavailable_WhenTheJudgeKeepsFailing_AndStopsOnceItIsDown()
    {
        await using var server = await OpenAiProtocolServer.StartAsync(ServerReply.ServerError(503));
        var (few, fewRun) = (_temp.Combine("judge-few"), _temp.Combine("judge-many"));

        var (result, _) = await Generate(few, "--config", Config(server.BaseUrl, ", max_consecutive_failures: 100", roles: "judge"));
        var (many, _) = await Generate(fewRun, "--config", Config(server.BaseUrl, ", max_consecutive_failures: 2", roles: "judge"), "--concurrency", "1");

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        result.Out.Should().Contain("rejected by judge_unavailable: 4").And.Contain("0 kept");
        File.ReadLines(Path.Combine(few, OutputDirectory.RejectedFile)).Select(l => JsonNode.Parse(l)!["reasons"]![0]!.GetValue<string>()).Should()
            .HaveCount(4).And.AllBe("judge_unavailable: the judge's model gave no judgment (server_error)");
        ShouldStopResumably(many, fewRun, "): server_error: HTTP 503");
    }
}
