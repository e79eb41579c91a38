using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Parley.Cli;
using Parley.Generation;
using Parley.Llm;
using Parley.Simulation;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Cli;

/// <summary>
/// <c>parley generate</c> with every role played by a model, against a local OpenAI-protocol server whose script is a
/// role-aware mock: it tells the calling role by the system prompt and answers as a model playing that role would.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class GenerateAllLlmRolesTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task GeneratesVerifiedDialogues_WithEveryRoleOnTheModel()
    {
        await using var server = await OpenAiProtocolServer.StartAsync(RoleAwareMock.Reply);
        var run = _temp.Combine("run");

        var result = await Generate(server, run, count: 3);

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Out + result.Error);
        var kept = Lines(Path.Combine(run, "dialogues.jsonl"));
        kept.Should().HaveCount(3, result.Out + string.Concat(File.ReadLines(Path.Combine(run, "rejected.jsonl")).Select(l => l[..Math.Min(3000, l.Length)])));
        foreach (var dialogue in kept)
        {
            var metadata = dialogue["metadata"]!;
            metadata["engines"]!.AsObject().Select(e => (e.Key, e.Value!.GetValue<string>())).Should()
                .BeEquivalentTo(new[] { ("environment_designer", "llm:mock"), ("task_planner", "llm:mock"), ("user_simulator", "llm:mock"), ("agent", "llm:mock"), ("judge", "llm:mock") });
            metadata["usage"]!.AsObject().Select(u => u.Key).Should().Contain(["agent", "user_simulator"]);
            metadata["usage"]!.AsObject().Select(u => u.Value!["requests"]!.GetValue<long>()).Should().AllSatisfy(n => n.Should().BePositive());
            metadata["prompts"]!["user_simulator"]!.GetValue<string>().Should().MatchRegex(@"^user-oriented\.md@[0-9a-f]{12} user-simulator\.yaml@[0-9a-f]{12} structured-output\.yaml@[0-9a-f]{12} model=mock$");
            metadata["prompts"]!["agent"]!.GetValue<string>().Should().Be($"system-message={LlmAgent.SystemPrompt.Tag} tools=native {LlmAgent.Fragments.File.Tag} model=mock");
            metadata["verdict"]!["passed"]!.GetValue<bool>().Should().BeTrue();
            metadata["verdict"]!["judge"]!["prompt"]!.GetValue<string>().Should().MatchRegex(@"^judge\.md@[0-9a-f]{12} judge\.yaml@[0-9a-f]{12} structured-output\.yaml@[0-9a-f]{12} model=mock$");
            var messages = dialogue["messages"]!.AsArray();
            var toolResults = messages.Where(m => m!["role"]!.GetValue<string>() == "tool").Select(m => m!["content"]!.ToString()).ToList();
            toolResults.Should().Contain(c => c.Contains("@example.com", StringComparison.Ordinal) && c.Contains("555-01", StringComparison.Ordinal),
                "find_owner_by_email ran on the database and returned the owner's row");
            toolResults.Should().ContainSingle(c => c.Contains("\"status\":\"booked\"", StringComparison.Ordinal) && c.Contains("2025-06-25", StringComparison.Ordinal),
                "book_appointment inserted and returned the new row");
            toolResults.Should().HaveCount(2);
        }

        var requests = server.Requests;
        result.Out.Should().Contain($"model calls: {requests.Count}, tokens in ", "the run meters every model call");
        requests.Should().OnlyContain(r => r.Model == "mock" && r.Seed != null);
        var agent = requests.Where(r => RoleAwareMock.RoleOf(r) == "agent").ToList();
        agent.Should().NotBeEmpty().And.OnlyContain(r => r.Tools != null && r.Tools.Value.GetArrayLength() >= 6 && r.ToolChoice != null);
        foreach (var request in agent.Where(r => r.Roles[^1] == "tool"))
        {
            var calls = request.Messages.Where(m => m.TryGetProperty("tool_calls", out _)).SelectMany(m => m.GetProperty("tool_calls").EnumerateArray()).Select(c => c.GetProperty("id").GetString()).ToList();
            var answered = request.Messages.Where(m => m.GetProperty("role").GetString() == "tool").Select(m => m.GetProperty("tool_call_id").GetString()).ToList();
            answered.Should().Equal(calls, "every tool message answers the call before it, by id");
        }
        foreach (var role in new[] { "designer", "planner", "user", "judge" })
        {
            requests.Where(r => RoleAwareMock.RoleOf(r) == role).Should().NotBeEmpty(role)
                .And.OnlyContain(r => r.ResponseFormat != null && r.ResponseFormat.Value.GetProperty("type").GetString() == "json_schema", role);
        }
    }

    [Fact]
    public async Task AccountsForEveryDialogue_WhenAFifthOfTheRepliesAreFaults()
    {
        ServerReply[] faults =
        [
            ServerReply.RateLimited("0"), ServerReply.ServerError(), ServerReply.MalformedBody(), ServerReply.Truncated(), ServerReply.Empty(),
            ServerReply.After(TimeSpan.FromMilliseconds(50), ServerReply.Empty()),
        ];
        var injected = 0;
        var faulty = FaultInjection.Wrap(RoleAwareMock.Reply, 0.2, seed: 7, faults);
        await using var server = await OpenAiProtocolServer.StartAsync(request =>
        {
            var reply = faulty(request);
            if (faults.Contains(reply)) Interlocked.Increment(ref injected);
            return reply;
        });
        var run = _temp.Combine("faulty");
        // The library path rather than the CLI: the CLI has no flag for the retry backoff, which must be tiny here.
        var roles = new[] { LlmRole.EnvironmentDesigner, LlmRole.TaskPlanner, LlmRole.UserSimulator, LlmRole.Agent, LlmRole.Judge };
        using var llm = LlmSetup.Create(LlmConfig.FromFlags(server.BaseUrl, "mock", roles), new LlmSetupOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(1) });
        var options = new GenerationOptions
        {
            Output = run, Count = 12, Domains = ["pet_grooming"], TasksPerDialogue = TaskCountDistribution.Parse("1"), Concurrency = 2, Llm = llm,
        };

        var manifest = await RoleAssembly.Create(llm).RunAsync(options, cancellationToken: TestContext.Current.CancellationToken);

        var kept = Lines(Path.Combine(run, "dialogues.jsonl")).Select(d => d["id"]!.GetValue<string>()).ToList();
        var rejected = Lines(Path.Combine(run, "rejected.jsonl"));
        kept.Should().NotBeEmpty("most replies are fine");
        kept.Concat(rejected.Select(r => r["id"]!.GetValue<string>())).Should().OnlyHaveUniqueItems().And.HaveCount(12);
        rejected.Should().AllSatisfy(r => r["reasons"]!.AsArray().Should().NotBeEmpty()
            .And.AllSatisfy(reason => reason!.GetValue<string>().Should().MatchRegex(@"^(llm|planning|termination|judge|judge_unavailable|end_state\[\d+\]): ", "a reason names its stage or check")));
        rejected.Where(r => r["dialogue"] is not null).Should().AllSatisfy(r => r["dialogue"]!["messages"]!.AsArray().Should().NotBeEmpty("what was generated before the failure is kept"));
        (manifest.Attempted, manifest.Kept, manifest.Rejected).Should().Be((12, kept.Count, rejected.Count));
        injected.Should().BeGreaterThan(server.RequestCount / 10, "about a fifth of the replies were faults");
    }

    [Fact]
    public async Task MetersARerunServedFromTheCache_AsFromCacheTokens_WithTheSameDialogues()
    {
        await using var server = await OpenAiProtocolServer.StartAsync(RoleAwareMock.Reply);
        var cache = _temp.Combine("cache");
        var (first, again) = (_temp.Combine("first"), _temp.Combine("again"));

        var paid = await Generate(server, first, count: 2, "--cache-dir", cache);
        var sent = server.RequestCount;
        var cached = await Generate(server, again, count: 2, "--cache-dir", cache);

        paid.ExitCode.Should().Be(ExitCodes.Ok, paid.Out + paid.Error);
        cached.ExitCode.Should().Be(ExitCodes.Ok, cached.Out + cached.Error);
        server.RequestCount.Should().Be(sent, "every reply of the re-run comes from the cache");
        File.ReadAllBytes(Path.Combine(again, "dialogues.jsonl")).Should().Equal(File.ReadAllBytes(Path.Combine(first, "dialogues.jsonl")));
        File.ReadAllText(Path.Combine(first, "dialogues.jsonl")).Should().NotContain("from_cache");
        var (spent, served) = (Usage(first), Usage(again));
        spent.Select(u => u.Key).Should().Contain(["environment_designer", "task_planner", "user_simulator", "agent", "judge"]).And.Equal(served.Select(u => u.Key));
        foreach (var (role, usage) in spent)
        {
            usage!["from_cache"].Should().BeNull(role);
            var hit = served[role]!["from_cache"]!;
            foreach (var count in new[] { "requests", "input_tokens", "output_tokens" })
            {
                hit[count]!.GetValue<long>().Should().Be(usage![count]!.GetValue<long>(), $"{role} {count}").And.BePositive();
                served[role]![count]!.GetValue<long>().Should().Be(usage![count]!.GetValue<long>(), $"{role} {count}: the totals are what the artifacts cost");
            }
        }
        var tokens = spent.Sum(u => u.Value!["input_tokens"]!.GetValue<long>() + u.Value!["output_tokens"]!.GetValue<long>());
        paid.Out.Should().Contain($"tokens: {tokens:N0} spent, 0 from cache");
        cached.Out.Should().Contain($"tokens: 0 spent, {tokens:N0} from cache");
    }

    private static JsonObject Usage(string run) => JsonNode.Parse(File.ReadAllText(Path.Combine(run, "manifest.json")))!["usage"]!.AsObject();

    private static Task<CliResult> Generate(OpenAiProtocolServer server, string run, int count, params string[] more) =>
        CliTester.RunAsync([.. new[] { "generate", "-n", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "--domains", "pet_grooming",
            "--tasks-per-dialogue", "1", "--out", run, "--progress", "none", "--concurrency", "2",
            "--llm", server.BaseUrl, "--model", "mock", "--llm-roles", "designer,planner,user,agent,judge" }, .. more]);

    private static List<JsonNode> Lines(string path) =>
        File.Exists(path) ? [.. File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!)] : [];
}

/// <summary>A model for every role: tells the role by the system prompt and answers with valid output for it.</summary>
internal static partial class RoleAwareMock
{
    public const string Date = "2025-06-25";
    private static readonly Dictionary<string, (int Owner, int Pet)> Owners = new(StringComparer.Ordinal)
    {
        ["maya.lopez@example.com"] = (1, 1), ["tom.baker@example.com"] = (2, 3), ["ana.silva@example.com"] = (3, 4),
    };

    public static string RoleOf(ChatCompletionRequest request)
    {
        var system = request.Messages.FirstOrDefault(m => m.GetProperty("role").GetString() == "system") is { ValueKind: JsonValueKind.Object } s
            ? s.GetProperty("content").GetString() ?? "" : "";
        return system switch
        {
            _ when system.StartsWith("You design tool-use environments", StringComparison.Ordinal) => "designer",
            _ when system.StartsWith("You plan realistic tasks", StringComparison.Ordinal) => "planner",
            _ when system.StartsWith("You play a customer", StringComparison.Ordinal) => "user",
            _ when system.StartsWith("You review one finished conversation", StringComparison.Ordinal) => "judge",
            _ when system.StartsWith("You are a helpful customer-service assistant", StringComparison.Ordinal) => "agent",
            _ => "unknown",
        };
    }

    public static ServerReply Reply(ChatCompletionRequest request) => RoleOf(request) switch
    {
        "designer" => ServerReply.Text(Design(request.LastUserText)),
        "planner" => ServerReply.Text(Plan(request)),
        "user" => ServerReply.Text(User(request)),
        "agent" => Agent(request),
        "judge" => ServerReply.Text("""
            {"reasoning": "The assistant looked the owner up, confirmed, booked and reported the booking.", "issues": [],
             "scores": {"user_naturalness": 5, "user_rule_adherence": 5, "agent_helpfulness": 5}, "judgment": "valid"}
            """),
        _ => ServerReply.Error(400, "unknown_role", "The mock does not know this system prompt: " + request.Messages[0].GetRawText()[..Math.Min(200, request.Messages[0].GetRawText().Length)]),
    };

    private static string Design(string stage)
    {
        var n = StageNumber().Match(stage) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        return n is >= 1 and <= 6 ? PetGroomingDesign.Stages()[n - 1] : throw new InvalidOperationException("unexpected design request: " + stage[..Math.Min(300, stage.Length)]);
    }

    private static string Plan(ChatCompletionRequest request)
    {
        var prompt = request.Messages[1].GetProperty("content").GetString()!;
        var customer = JsonNode.Parse(CustomerLine().Match(prompt).Groups[1].Value)!;
        var email = customer["email"]!.GetValue<string>();
        var pet = Owners[email].Pet;
        var lookup = new JsonObject { ["tool"] = "find_owner_by_email", ["arguments"] = new JsonObject { ["email"] = email } };
        var book = new JsonObject { ["tool"] = "book_appointment", ["arguments"] = new JsonObject { ["pet_id"] = pet, ["service_id"] = 3, ["date"] = Date } };
        return StrictPlanJson.Write(new JsonObject
        {
            ["tasks"] = new JsonArray
            {
                new JsonObject
                {
                    ["goal"] = "You want a nail trim booked for your pet on {date}.",
                    ["difficulty"] = "easy",
                    ["user_facts"] = new JsonObject { ["date"] = Date },
                    ["hidden_facts"] = new JsonObject { ["pet_id"] = pet.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                    ["sub_requests"] = new JsonArray
                    {
                        new JsonObject
                        {
                            ["goal"] = "Book a nail trim on {date}.",
                            ["utterances"] = new JsonArray("Could you book a nail trim for my pet on {date}?"),
                            ["calls"] = new JsonArray(lookup, book),
                        },
                    },
                    ["builds_on"] = null,
                },
            },
        });
    }

    private static string User(ChatCompletionRequest request)
    {
        // The simulator's prompt carries the conversation so far; answer its latest state.
        var seen = string.Concat(request.Messages.Skip(1).Select(m => m.GetProperty("content").ToString()));
        if (seen.Contains("is booked", StringComparison.Ordinal))
            return """{"thought": null, "message": "Thanks, that's all.", "request_done": true, "current_task_done": true, "end_conversation": true}""";
        if (seen.Contains("Shall I go ahead", StringComparison.Ordinal))
            return """{"thought": null, "message": "Yes, please go ahead.", "request_done": false, "current_task_done": false, "end_conversation": false}""";
        var email = Email().Match(request.Messages[0].GetProperty("content").GetString()!).Value;
        return JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["thought"] = null,
            ["message"] = $"Hi, my email is {email}. Could you book a nail trim for my pet on {Date}?",
            ["request_done"] = false, ["current_task_done"] = false, ["end_conversation"] = false,
        });
    }

    private static ServerReply Agent(ChatCompletionRequest request)
    {
        var messages = request.Messages;
        var users = messages.Where(m => m.GetProperty("role").GetString() == "user").ToList();
        var email = Email().Match(users[0].GetProperty("content").ToString()).Value;
        var (_, pet) = Owners[email];
        // Ids from the conversation's length, not the request count: the same conversation gets the same reply, whatever ran before.
        var turn = messages.Count;
        if (messages[^1].GetProperty("role").GetString() == "tool")
        {
            var content = messages[^1].GetProperty("content").ToString();
            return content.Contains("\"status\":\"booked\"", StringComparison.Ordinal) || content.Contains("status\\\":\\\"booked", StringComparison.Ordinal)
                ? ServerReply.Text($"Your nail trim on {Date} is booked.")
                : ServerReply.Text($"I found your account. I will book a nail trim for your pet on {Date}. Shall I go ahead?");
        }
        var said = users[^1].GetProperty("content").ToString();
        if (said.StartsWith("Yes", StringComparison.Ordinal))
            return ServerReply.Calls(new ServerToolCall($"call_{turn}_b", "book_appointment", JsonSerializer.Serialize(new { pet_id = pet, service_id = 3, date = Date })));
        return users.Count == 1
            ? ServerReply.Calls(new ServerToolCall($"call_{turn}_a", "find_owner_by_email", JsonSerializer.Serialize(new { email })))
            : ServerReply.Text("You're welcome. Goodbye!");
    }

    [GeneratedRegex(@"Stage (\d) of 6")]
    private static partial Regex StageNumber();

    [GeneratedRegex(@"## The customer\n\n(\{.*\})")]
    private static partial Regex CustomerLine();

    [GeneratedRegex(@"[a-z]+\.[a-z]+@example\.com")]
    private static partial Regex Email();
}
