using System.Text.Json.Nodes;
using Parley.Cli;
using Parley.Export;
using Parley.Runs;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Cli;

/// <summary>
/// An LLM run stopped by its endpoint (the key revoked half-way) resumes with the models it was started with — from its
/// ledger without any model flag, or with the same flags — to the bytes of an uninterrupted run against the same
/// deterministic server; a flag that would change the output is refused, naming the recorded value.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class GenerateLlmResumeTests : IDisposable
{
    private static readonly string[] Compared = [OutputDirectory.DialoguesFile, OutputDirectory.RejectedFile, OutputDirectory.TasksFile, OutputDirectory.ManifestFile];
    private readonly TempDirectory _temp = new();
    private volatile bool _revoked;
    private int _served;

    public void Dispose() => _temp.Dispose();

    // The role-aware mock, except that once the key is revoked after 30 good answers every request gets a 401.
    private ServerReply Reply(ChatCompletionRequest request)
    {
        if (_revoked && Interlocked.Increment(ref _served) > 30) return ServerReply.Error(401, "invalid_api_key", "Incorrect API key provided");
        return RoleAwareMock.Reply(request);
    }

    private static string[] Flags(OpenAiProtocolServer server, string model = "mock") =>
        ["--llm", server.BaseUrl, "--model", model, "--llm-roles", "designer,planner,user,agent,judge"];

    private static Task<CliResult> Start(string run, params string[] flags) =>
        CliTester.RunAsync(["generate", "-n", "8", "--domains", "pet_grooming", "--tasks-per-dialogue", "1", "--out", run, "--progress", "none", "--concurrency", "2", .. flags]);

    [Fact]
    public async Task ResumesWithTheRunsOwnModels_ToTheUninterruptedRunsBytes()
    {
        await using var server = await OpenAiProtocolServer.StartAsync(Reply);
        var (whole, bare, flagged) = (_temp.Combine("whole"), _temp.Combine("bare"), _temp.Combine("flagged"));
        (await Start(whole, Flags(server))).ExitCode.Should().Be(ExitCodes.Ok);

        _revoked = true;
        var stopped = await Start(bare, Flags(server));
        var stoppedAt = JsonNode.Parse(File.ReadAllText(Path.Combine(bare, OutputDirectory.ManifestFile)))!["attempted"]!.GetValue<int>();
        _served = 0;
        var stoppedToo = await Start(flagged, Flags(server));
        _revoked = false;
        var refused = await CliTester.RunAsync(["generate", "--resume", flagged, "--progress", "none", .. Flags(server, model: "other")]);
        var resumedBare = await CliTester.RunAsync("generate", "--resume", bare, "--progress", "none");
        var resumedFlagged = await CliTester.RunAsync(["generate", "--resume", flagged, "--progress", "none", .. Flags(server)]);

        foreach (var interrupted in new[] { stopped, stoppedToo })
        {
            interrupted.ExitCode.Should().Be(ExitCodes.EndpointUnavailable, interrupted.Error);
            interrupted.Error.Should().Contain("unauthorized: HTTP 401").And.Contain("--resume");
        }
        stoppedAt.Should().BeLessThan(8, "the run stopped part-way");
        refused.ExitCode.Should().Be(ExitCodes.Usage);
        refused.Error.Should().Contain("roles.agent.model: the run was started with 'mock', not 'other'");
        resumedBare.ExitCode.Should().Be(ExitCodes.Ok, resumedBare.Error);
        resumedBare.Out.Should().Contain("agent: endpoint=llm model=mock", "the ledger's models play the roles, not the rule-based ones");
        resumedFlagged.ExitCode.Should().Be(ExitCodes.Ok, resumedFlagged.Error);
        foreach (var file in Compared)
        {
            File.ReadAllBytes(Path.Combine(bare, file)).Should().Equal(File.ReadAllBytes(Path.Combine(whole, file)), file);
            File.ReadAllBytes(Path.Combine(flagged, file)).Should().Equal(File.ReadAllBytes(Path.Combine(whole, file)), file);
        }
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(whole, OutputDirectory.ManifestFile)))!;
        manifest["models"]!["agent"]!.GetValue<string>().Should().StartWith($"endpoint=llm provider=openai base_url={server.BaseUrl} model=mock").And.Contain("prompts=agent-system.md@").And.Contain(" agent-text-tools.md@").And.Contain(" llm-agent.yaml@");
        manifest["usage"]!.AsObject().Select(u => u.Key).Should().BeEquivalentTo(["environment_designer", "task_planner", "user_simulator", "agent", "judge"]);
    }
}
