using System.Text.Json;
using Parley.Dialogues;
using Parley.Environments;
using Parley.Export;
using Parley.Generation;
using Parley.Mcp;
using Parley.Runs;
using Parley.Tests.TestDoubles;
using Parley.Tools;

namespace Parley.Tests.Mcp;

public sealed class GenerateFromMcpTests(BuiltEnvironments environments) : IDisposable
{
    private readonly TempDirectory _temp = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _temp.Dispose();

    private static async Task<GeneratedRun> RunAsync(string server, string output, int count, int concurrency = 2)
    {
        var options = new GenerationOptions { Output = output, Count = count, FromMcp = server, Concurrency = concurrency, TasksPerDialogue = TaskCountDistribution.Parse("2") };
        return new GeneratedRun(output, await Generator.RuleBased.RunAsync(options, null, Ct));
    }

    private static IEnumerable<string> ToolResults(Dialogue dialogue) => dialogue.Messages.OfType<ToolMessage>().Select(m => m.Content ?? "");

    [Fact]
    public async Task KeepsVerifiedDialoguesWithRealRows_WhenTheServerIsAServedParleyEnvironment()
    {
        using var server = new McpEnvironmentServer(environments.Get("library")) { EvaluatorTools = true };
        await using var app = await McpHttpHost.StartAsync(server, "127.0.0.1:0", Ct);
        var url = McpHttpHost.EndpointOf(app).ToString();

        var run = await RunAsync(url, _temp.Combine("one"), 3, concurrency: 1);
        var again = await RunAsync(url, _temp.Combine("two"), 3, concurrency: 2);

        run.Manifest.Kept.Should().Be(3, string.Join("; ", run.Rejected.SelectMany(r => r.Reasons)));
        using var copy = environments.Get("library").OpenCopy();
        foreach (var dialogue in run.Dialogues)
        {
            dialogue.Metadata.Mcp!.Isolation.Should().Be(McpIsolation.ResetTool);
            dialogue.Metadata.Mcp.Verification.Should().Be("calls+state_probe");
            dialogue.Metadata.Mcp.Probe.Should().Be(McpEnvironmentTools.StateHash);
            dialogue.Metadata.Verdict!.Checks.Should().Contain(c => c.Name == "state_probe" && c.Passed);
            dialogue.Tools.Select(t => t.Function.Name).Should().NotContain([McpEnvironmentTools.Reset, McpEnvironmentTools.StateHash]);
            ToolResults(dialogue).Should().NotBeEmpty().And.AllSatisfy(r => r.Should().NotStartWith("{\"error\""));
            foreach (var id in ToolResults(dialogue).SelectMany(r => Rows(r)).Where(row => row.TryGetProperty("book_id", out _)).Select(row => row.GetProperty("book_id").GetInt64()))
            {
                SqlQueries.ReadLong(copy, $"SELECT COUNT(*) FROM books WHERE book_id = {id}").Should().Be(1, "the rows come from the served database");
            }
        }
        File.ReadAllBytes(again.DialoguesPath).Should().Equal(File.ReadAllBytes(run.DialoguesPath), "same seed, same output, whatever the concurrency");
        (await new RunValidator(DomainCatalog.BuiltIn).ValidateAsync(run.Folder, Ct).ToListAsync(Ct)).Should().AllSatisfy(f => f.Failures.Should().BeEmpty(),
            "replaying the calls on a clean server gives the recorded results and the planned state");
    }

    [Fact]
    public async Task KeepsVerifiedDialogues_WhenEachDialogueStartsItsOwnServerProcess()
    {
        var run = await RunAsync(ParleyProcess.CommandLine("mcp", "serve", "--env", "library"), _temp.Combine("stdio"), 2);

        run.Manifest.Kept.Should().Be(2, string.Join("; ", run.Rejected.SelectMany(r => r.Reasons)));
        run.Dialogues.Should().AllSatisfy(d =>
        {
            d.Metadata.Mcp!.Isolation.Should().Be(McpIsolation.FreshProcess);
            d.Metadata.Mcp.Verification.Should().Be("calls", "without evaluator tools the library has no argument-free read to probe");
            d.Metadata.Verdict!.Checks.Should().Contain(c => c.Name.StartsWith("calls[", StringComparison.Ordinal) && c.Passed);
        });
    }

    [Fact]
    public async Task RejectsTheDialogueWithTheReason_WhenTheServerStopsBeforeTheDialogueEnds()
    {
        using var server = new McpEnvironmentServer(environments.Get("library")) { EvaluatorTools = true };
        var app = await McpHttpHost.StartAsync(server, "127.0.0.1:0", Ct);
        var spec = await McpEnvironmentDesigner.DesignAsync(McpHttpHost.EndpointOf(app).ToString(), Ct);
        using var env = EnvironmentDatabase.Build(spec, 0);
        var generator = DialogueGenerator.RuleBased;
        var start = await generator.PlanAsync(env, 0, "d0", 1, DialogueMode.UserOriented, TaskCountDistribution.Parse("1"), Ct);
        start.State.Should().NotBeNull(string.Join("; ", start.Outcome?.Problems ?? []));

        await app.StopAsync(Ct);
        await app.DisposeAsync();
        var outcome = await generator.ContinueAsync(env, start.State!, new GenerationOptions { Output = _temp.Path }, Ct);

        outcome.Kept.Should().BeFalse();
        outcome.Dialogue!.Metadata.Termination.Should().Be(TerminationReason.ToolServerLost);
        outcome.Problems.Should().ContainSingle().Which.Check.Should().Be("mcp");
    }

    [Fact]
    public async Task KeepsDialoguesWhoseCallsSucceed_WhenTheServerIsTheNpmMemoryServer()
    {
        var script = NpmServer("server-memory");

        var run = await RunAsync($"MEMORY_FILE_PATH={McpCommandLine.Scratch}/memory.jsonl node '{script}'", _temp.Combine("memory"), 3);

        run.Manifest.Kept.Should().Be(3, string.Join("; ", run.Rejected.SelectMany(r => r.Reasons)));
        var calls = run.Dialogues.SelectMany(d => d.Messages.OfType<AssistantMessage>()).SelectMany(m => m.ToolCalls ?? []).Select(c => c.Function.Name).ToList();
        calls.Should().Contain("create_entities", "the planner creates records on a server that starts empty");
        run.Dialogues.Should().AllSatisfy(d =>
        {
            ToolResults(d).Should().AllSatisfy(r => r.Should().NotStartWith("{\"error\""));
            d.Metadata.Mcp!.Verification.Should().Be("calls+state_probe");
            d.Metadata.Mcp.Probe.Should().Be("read_graph");
            d.Metadata.Verdict!.Checks.Should().Contain(c => c.Name == "state_probe" && c.Passed);
        });
        (await new RunValidator(DomainCatalog.BuiltIn).ValidateAsync(run.Folder, Ct).ToListAsync(Ct)).Should().AllSatisfy(f => f.Failures.Should().BeEmpty());
    }

    [Fact]
    public async Task KeepsDialoguesWhoseCallsSucceedOnSeededScratchFolders_WhenTheServerIsTheNpmFilesystemServer()
    {
        var script = NpmServer("server-filesystem");
        var started = DateTime.UtcNow.AddSeconds(-1);

        var run = await RunAsync($"node '{script}' {McpCommandLine.Scratch}", _temp.Combine("fs"), 4, concurrency: 1);
        var again = await RunAsync($"node '{script}' {McpCommandLine.Scratch}", _temp.Combine("fs2"), 4, concurrency: 2);

        run.Manifest.Kept.Should().Be(4, string.Join("; ", run.Rejected.SelectMany(r => r.Reasons)));
        var calls = run.Dialogues.SelectMany(d => d.Messages.OfType<AssistantMessage>()).SelectMany(m => m.ToolCalls ?? []).ToList();
        calls.Select(c => c.Function.Name).Should().Contain(n => n == "write_file" || n == "edit_file" || n == "create_directory" || n == "move_file", "the planner changes files, not only reads them")
            .And.NotContain("get_file_info", "its timestamps differ on every fresh server, so it is volatile and never planned")
            .And.NotContain("read_file", "it is deprecated in favour of read_text_file")
            .And.NotContain("read_media_file", "it answers with base64 content, nothing a text dialogue can use");
        calls.Should().AllSatisfy(c => c.Function.Arguments.Should().NotContain("/tmp", "paths are relative to the allowed root, never a temporary folder"));
        run.Dialogues.Should().AllSatisfy(d =>
        {
            ToolResults(d).Should().NotBeEmpty().And.AllSatisfy(r => r.Should().NotStartWith("{\"error\""));
            d.Metadata.Mcp!.Isolation.Should().Be(McpIsolation.FreshProcess);
            d.Metadata.Mcp.Scratch.Should().StartWith("fresh scratch folder per dialogue");
            d.Metadata.Mcp.Verification.Should().Be("calls+state_probe+read_back");
            d.Metadata.Mcp.Probe.Should().Be("directory_tree");
            d.Metadata.Verdict!.Checks.Should().Contain(c => c.Name == "state_probe" && c.Passed);
        });
        var server = JsonElement.Parse(File.ReadAllText(Directory.GetFiles(Path.Combine(run.Folder, "environments"), "*.json").Single())).GetProperty("mcp");
        server.GetProperty("volatile").EnumerateArray().Select(v => v.GetString()).Should().Equal(new[] { "get_file_info" }, "only its answers differ between two fresh servers");
        server.GetProperty("binary").EnumerateArray().Select(v => v.GetString()).Should().Equal(new[] { "read_media_file" }, "it is the one read that answers with a blob");
        server.GetProperty("probe_read").GetString().Should().Be("read_text_file");
        File.ReadAllText(run.DialoguesPath).Should().NotContain("parley-mcp-", "the scratch folder is named /workspace in every answer");
        File.ReadAllBytes(again.DialoguesPath).Should().Equal(File.ReadAllBytes(run.DialoguesPath), "same seed, same output, whatever the concurrency");
        (await new RunValidator(DomainCatalog.BuiltIn).ValidateAsync(run.Folder, Ct).ToListAsync(Ct)).Should().AllSatisfy(f => f.Failures.Should().BeEmpty());
        new DirectoryInfo(Path.GetTempPath()).EnumerateDirectories("parley-mcp-*")
            .Where(d => d.CreationTimeUtc >= started && File.Exists(Path.Combine(d.FullName, "todo.md")))
            .Should().BeEmpty("every scratch folder is deleted when its server stops");
    }

    [Fact]
    public async Task DatesEverySeededScratchFile_SoAReadThatShowsFileTimesIsVolatileHoweverFastBothSamplesStart()
    {
        var script = NpmServer("server-filesystem");

        var spec = (await McpEnvironmentDesigner.DesignAsync($"node '{script}' {McpCommandLine.Scratch}", Ct)).Mcp!;
        await using var first = new McpToolExecutor(spec);
        await using var again = new McpToolExecutor(spec);
        await using var later = new McpToolExecutor(spec) { ScratchWritten = ScratchSeed.Written.AddDays(1) };
        var info = new ToolInvocation("call_1", "get_file_info", """{"path": "todo.md"}""");
        var (one, two, three) = ((await first.ExecuteAsync(info, Ct)).Content, (await again.ExecuteAsync(info, Ct)).Content, (await later.ExecuteAsync(info, Ct)).Content);

        Modified(one).Should().Contain("Jun 02 2025", "every seeded file is dated ScratchSeed.Written, not the moment it was written");
        Modified(two).Should().Be(Modified(one), "two servers seeded at the same fixed time show the same modification time");
        Modified(three).Should().Contain("Jun 03 2025", "the designer's second sample is seeded a day later");
        var folder = (await first.ExecuteAsync(new ToolInvocation("call_2", "get_file_info", """{"path": "notes"}"""), Ct)).Content;
        Modified(folder).Should().Contain("Jun 02 2025", "a folder is dated after the files written into it");
        spec.Volatile.Should().Equal(["get_file_info"], "its second sample shows other file times, on a fast machine too");

        static string Modified(string result) =>
            JsonElement.Parse(result).GetProperty("content").GetString()!.Split('\n').Single(l => l.StartsWith("modified:", StringComparison.Ordinal));
    }

    private static IEnumerable<JsonElement> Rows(string json)
    {
        var root = JsonElement.Parse(json);
        return root.ValueKind == JsonValueKind.Array ? root.EnumerateArray() : [root];
    }

    // The script of a reference MCP server installed by `npm ci` in tests/McpServers; the test skips, saying why, without it or node.
    private static string NpmServer(string package)
    {
        var script = Repository.Path("tests", "McpServers", "node_modules", "@modelcontextprotocol", package, "dist", "index.js");
        Assert.SkipUnless(File.Exists(script), $"the npm package @modelcontextprotocol/{package} is not installed (run `npm ci` in tests/McpServers; .ci/run does)");
        Assert.SkipUnless(OnPath("node"), "node is not installed");
        return script;
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, program)));
}
