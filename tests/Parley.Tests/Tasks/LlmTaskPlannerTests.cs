using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Parley.Determinism;
using Parley.Dialogues;
using Parley.Environments;
using Parley.Generation;
using Parley.Llm;
using Parley.Simulation;
using Parley.Tasks;
using Parley.Tests.TestDoubles;
using Parley.Tools;
using Parley.Verification;

namespace Parley.Tests.Tasks;

public sealed partial class LlmTaskPlannerTests(BuiltEnvironments environments)
{
    private const string NewPhone = "555-0100-42";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly LlmRoleSettings Settings = new() { Model = "planner-test", MaxRepairs = 1 };
    private readonly EnvironmentDatabase _retail = environments.Retail;

    private static TaskPlanRequest Request(EnvironmentDatabase env, ulong seed = 3, int count = 2) => new(env, "dlg-llm", seed, count);

    /// <summary>The customer the planner shows the model, read back from its prompt as a model would.</summary>
    private static JsonObject Customer(IReadOnlyList<ChatMessage> messages) =>
        JsonNode.Parse(CustomerLine().Match(messages[1].Text).Groups[1].Value)!.AsObject();

    /// <summary>A plan a model could write for the customer in the prompt: change the phone number, then list the orders.</summary>
    private static string ValidPlan(IReadOnlyList<ChatMessage> messages, string phone = NewPhone, long? orderId = null)
    {
        var customer = Customer(messages);
        var email = customer["email"]!.GetValue<string>();
        var id = long.Parse(customer["customer_id"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture);
        var lookup = new JsonObject { ["tool"] = "find_customer_by_email", ["arguments"] = new JsonObject { ["email"] = email } };
        var second = orderId is { } order
            ? new JsonObject { ["tool"] = "get_order_details", ["arguments"] = new JsonObject { ["order_id"] = order } }
            : new JsonObject { ["tool"] = "list_customer_orders", ["arguments"] = new JsonObject { ["customer_id"] = id } };
        var plan = new JsonObject
        {
            ["tasks"] = new JsonArray
            {
                new JsonObject
                {
                    ["goal"] = "You want the phone number on your account changed to {new_phone}.",
                    ["difficulty"] = "medium",
                    ["user_facts"] = new JsonObject { ["new_phone"] = phone },
                    ["hidden_facts"] = new JsonObject { ["customer_id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                    ["sub_requests"] = new JsonArray
                    {
                        new JsonObject
                        {
                            ["goal"] = "Change the phone number to {new_phone}.",
                            ["utterances"] = new JsonArray("Could you change the phone number on my account to {new_phone}?", "Please update my phone number to {new_phone}."),
                            ["calls"] = new JsonArray(lookup.DeepClone(),
                                new JsonObject { ["tool"] = "update_contact_phone", ["arguments"] = new JsonObject { ["customer_id"] = id, ["phone"] = phone } }),
                        },
                    },
                    ["builds_on"] = null,
                },
                new JsonObject
                {
                    ["goal"] = "You want to see the orders on your account.",
                    ["difficulty"] = "easy",
                    ["sub_requests"] = new JsonArray
                    {
                        new JsonObject
                        {
                            ["goal"] = "See your orders.",
                            ["utterances"] = new JsonArray("Could you show me my orders?"),
                            ["calls"] = new JsonArray(lookup.DeepClone(), second),
                            ["follow_ups"] = new JsonArray("Which one is the most recent?"),
                        },
                    },
                    ["builds_on"] = 0,
                },
            },
        };
        return StrictPlanJson.Write(plan);
    }

    private static ChatResponse Reply(string text) => new(new ChatMessage(ChatRole.Assistant, text)) { FinishReason = ChatFinishReason.Stop };

    private async Task<string> HashAfterAsync(IEnumerable<ExpectedAction> actions)
    {
        using var lease = _retail.Rent();
        foreach (var action in actions)
        {
            (await lease.Executor.ExecuteAsync(new ToolInvocation("check", action.Tool, action.Arguments.GetRawText()), Ct)).IsSuccess.Should().BeTrue();
        }
        return _retail.Hasher.Hash(lease.Database);
    }

    [Fact]
    public async Task ShowsTheModelToolSchemasTheUserAndTheirRows()
    {
        var client = new ScriptedChatClient().Then((m, _) => Reply(ValidPlan(m)));

        await new LlmTaskPlanner(client, Settings).PlanAsync(Request(_retail), Ct);

        var messages = client.Requests.Single().Messages;
        messages[0].Role.Should().Be(ChatRole.System);
        messages[0].Text.Should().Be(PromptLibrary.Get("task-planner.md").Text, "instructions come first and stay the same for every dialogue");
        var input = messages[1].Text;
        foreach (var tool in _retail.Tools.Tools)
        {
            input.Should().Contain($"- {tool.Name} (").And.Contain(tool.Parameters.GetRawText());
        }
        input.Should().Contain("cancel_order (write").And.Contain(_retail.Spec.Policy.Trim()).And.Contain("Plan 2 tasks");
        var customerId = Customer(messages)["customer_id"]!.ToString();
        var orderRows = input.Split('\n').SkipWhile(l => !l.StartsWith("### orders", StringComparison.Ordinal)).Skip(1).TakeWhile(l => l.StartsWith('{')).ToList();
        orderRows.Should().NotBeEmpty().And.AllSatisfy(l => l.Should().Contain($"\"customer_id\":{customerId},"), "the rows shown are the user's own orders");
        input.Should().Contain("### products").And.Contain("### order_items");
    }

    [Fact]
    public async Task SamplesTheSameUser_WhenTheSeedIsTheSame()
    {
        var first = new ScriptedChatClient().Then((m, _) => Reply(ValidPlan(m)));
        var again = new ScriptedChatClient().Then((m, _) => Reply(ValidPlan(m)));
        var other = new ScriptedChatClient().Then((m, _) => Reply(ValidPlan(m)));

        await new LlmTaskPlanner(first, Settings).PlanAsync(Request(_retail, seed: 11), Ct);
        await new LlmTaskPlanner(again, Settings).PlanAsync(Request(_retail, seed: 11), Ct);
        await new LlmTaskPlanner(other, Settings).PlanAsync(Request(_retail, seed: 12), Ct);

        again.Requests[0].Messages[1].Text.Should().Be(first.Requests[0].Messages[1].Text);
        other.Requests[0].Messages[1].Text.Should().NotBe(first.Requests[0].Messages[1].Text);
        first.Requests[0].Options!.Seed.Should().Be(11);
    }

    [Fact]
    public async Task TurnsAValidPlanIntoTasks_WithTheEndStatesItsActionsProduce()
    {
        var client = new ScriptedChatClient().Then((m, _) => Reply(ValidPlan(m)));

        var plan = await new LlmTaskPlanner(client, Settings).PlanAsync(Request(_retail), Ct);

        plan.Repairs.Should().Be(0);
        plan.Dropped.Should().BeEmpty();
        var tasks = plan.Tasks;
        tasks.Select(t => t.Id).Should().Equal("dlg-llm-t0", "dlg-llm-t1");
        tasks.Select(t => t.Index).Should().Equal(0, 1);
        tasks[0].Goal.Should().Be($"You want the phone number on your account changed to {NewPhone}.");
        tasks[0].ExpectedActions.Select(a => a.Tool).Should().Equal("find_customer_by_email", "update_contact_phone");
        tasks[0].ExpectedEndState.Should().Be(await HashAfterAsync(tasks[0].ExpectedActions));
        tasks[1].ExpectedEndState.Should().Be(await HashAfterAsync(tasks.SelectMany(t => t.ExpectedActions)));
        using (var pristine = _retail.Rent())
        {
            tasks[0].ExpectedEndState.Should().NotBe(_retail.Hasher.Hash(pristine.Database), "the task changes the phone number");
        }
        tasks[1].BuildsOn.Should().Be("dlg-llm-t0");
        tasks[0].UserFacts.Should().ContainKeys("email", "name", "new_phone");
        tasks[0].HiddenFacts.Should().ContainKey("customer_id");
        tasks[1].SubRequests[0].FollowUps.Should().Equal("Which one is the most recent?");
        tasks[0].SubRequests[0].Utterances[0].Should().BeEquivalentTo(new Utterance($"Could you change the phone number on my account to {NewPhone}?", ["new_phone"]));
    }

    [Fact]
    public async Task PlansCallsTheRuleBasedAgentCanDerive_FromWhatTheUserSaysAndEarlierResults()
    {
        var client = new ScriptedChatClient().Then((m, _) => Reply(ValidPlan(m)));

        var tasks = (await new LlmTaskPlanner(client, Settings).PlanAsync(Request(_retail), Ct)).Tasks;

        var calls = tasks[0].SubRequests[0].Calls;
        calls[0].Args["email"].GetString().Should().Be("{email}");
        calls[1].Args["customer_id"].GetString().Should().Be("$customer_id");
        calls[1].Args["phone"].GetString().Should().Be("{new_phone}");
    }

    [Fact]
    public async Task KeepsOnlyMindChangesTheUserCanActOut()
    {
        var client = new ScriptedChatClient().Then((m, _) =>
        {
            var plan = JsonNode.Parse(ValidPlan(m))!;
            plan["tasks"]![0]!["mind_changes"] = new JsonObject { ["new_phone"] = "555-0199-77", ["email"] = "someone.else@example.com", ["unknown"] = "x" };
            return Reply(StrictPlanJson.Write(plan));
        });

        var tasks = (await new LlmTaskPlanner(client, Settings).PlanAsync(Request(_retail), Ct)).Tasks;

        tasks[0].MindChanges.Should().BeEquivalentTo(new Dictionary<string, string> { ["new_phone"] = "555-0199-77" },
            "the email is used by a lookup, so a wrong one cannot be taken back before it runs, and 'unknown' is no user fact");
    }

    [Fact]
    public async Task SendsTheToolErrorBack_AndAcceptsTheRepairedPlan()
    {
        var client = new ScriptedChatClient()
            .Then((m, _) => Reply(ValidPlan(m, orderId: 999_999)))
            .Then((m, _) => Reply(ValidPlan(m)));

        var plan = await new LlmTaskPlanner(client, Settings).PlanAsync(Request(_retail), Ct);

        client.Requests.Should().HaveCount(2);
        var repair = client.Requests[1].Messages;
        repair[^2].Role.Should().Be(ChatRole.Assistant);
        repair[^1].Text.Should().Contain("task 1").And.Contain("get_order_details({\"order_id\":999999})").And.Contain("There is no order 999999");
        repair[^1].Text.Should().NotContain("task 0", "the task that worked is not reported");
        plan.Repairs.Should().Be(1);
        plan.Dropped.Should().BeEmpty();
        plan.Tasks.Should().HaveCount(2);
        plan.Tasks[1].ExpectedActions.Select(a => a.Tool).Should().Equal("find_customer_by_email", "list_customer_orders");
    }

    [Fact]
    public async Task DropsATaskThatStillFails_AndKeepsTheOthers()
    {
        var client = new ScriptedChatClient()
            .Then((m, _) => Reply(ValidPlan(m, orderId: 999_999)))
            .Then((m, _) => Reply(ValidPlan(m, orderId: 999_998)));

        var plan = await new LlmTaskPlanner(client, Settings).PlanAsync(Request(_retail), Ct);

        plan.Tasks.Should().ContainSingle().Which.ExpectedActions.Select(a => a.Tool).Should().Equal("find_customer_by_email", "update_contact_phone");
        plan.Dropped.Should().ContainSingle().Which.Should().Contain("There is no order 999998");
        client.Requests.Should().HaveCount(2, "repairs are bounded by MaxRepairs");
    }

    [Fact]
    public async Task RejectsAWriteThatChangesNothing()
    {
        var client = new ScriptedChatClient();
        client.Respond = (m, _) => Reply(ValidPlan(m, phone: Customer(m)["phone"]!.GetValue<string>()));

        var plan = await new LlmTaskPlanner(client, Settings).PlanAsync(Request(_retail), Ct);

        plan.Dropped.Should().ContainSingle().Which.Should().Contain("update_contact_phone").And.Contain("changed nothing");
        plan.Tasks.Should().ContainSingle().Which.Goal.Should().Be("You want to see the orders on your account.");
        client.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task AsksAgain_WhenTheReplyIsNotJson()
    {
        var client = new ScriptedChatClient()
            .Reply("Sure! Here are some tasks: first, change the phone number.")
            .Then((m, _) => Reply(ValidPlan(m)));

        var tasks = (await new LlmTaskPlanner(client, Settings).PlanAsync(Request(_retail), Ct)).Tasks;

        tasks.Should().HaveCount(2);
        client.Requests[1].Messages[^1].Text.Should().Contain("could not be used");
    }

    [Fact]
    public async Task ReportsAFailedPlan_WhenNoTaskSurvives()
    {
        var client = new ScriptedChatClient();
        client.Respond = (m, _) => Reply(StrictPlanJson.Write(JsonNode.Parse("""{"tasks": [{"goal": "You want to cancel order 424242.", "sub_requests": [{"goal": "Cancel it.", "utterances": ["Cancel order 424242 please."], "calls": [{"tool": "cancel_order", "arguments": {"order_id": 424242, "reason": "changed my mind"}}]}]}]}""")!.AsObject()));

        var plan = await new LlmTaskPlanner(client, Settings).PlanAsync(Request(_retail), Ct);

        plan.Tasks.Should().BeEmpty();
        plan.Failure.Should().Contain("no planned task could be carried out").And.Contain("There is no order 424242");
        plan.Usage!.Requests.Should().Be(client.Requests.Count, "the tokens were spent all the same");
    }

    [Fact]
    public async Task ReportsAFailedPlan_WhenTheModelNeverGivesJson()
    {
        var client = new ScriptedChatClient();
        client.Respond = (_, _) => Reply("I'm sorry, I can't help with that.");

        var plan = await new LlmTaskPlanner(client, Settings).PlanAsync(Request(_retail), Ct);

        plan.Tasks.Should().BeEmpty();
        plan.Failure.Should().StartWith("the planner's model gave no usable plan");
    }

    [Fact]
    public async Task SendsAnUnknownToolBackAsASchemaMismatch_AndAnUnknownPlaceholderAsAGroundingProblem()
    {
        var client = new ScriptedChatClient()
            .Reply(StrictPlanJson.Write(JsonNode.Parse("""{"tasks": [{"goal": "You want to look around.", "sub_requests": [{"goal": "x", "utterances": ["hi"], "calls": [{"tool": "teleport", "arguments": {}}]}]}]}""")!.AsObject()))
            .Reply(StrictPlanJson.Write(JsonNode.Parse("""{"tasks": [{"goal": "You want {mystery}.", "sub_requests": [{"goal": "x", "utterances": ["hi"], "calls": [{"tool": "list_customer_orders", "arguments": {"customer_id": 1}}]}]}]}""")!.AsObject()))
            .Then((m, _) => Reply(ValidPlan(m)));

        await new LlmTaskPlanner(client, Settings).PlanAsync(Request(_retail), Ct);

        client.Requests[1].Messages[^1].Text.Should().Contain("does not match the schema", "'teleport' is not among the tool names the schema allows");
        client.Requests[2].Messages[^1].Text.Should().Contain("names {mystery}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public async Task ProducesVerifiedDialogues_WithRuleBasedRoles(int index)
    {
        var client = new ScriptedChatClient();
        client.Respond = (m, _) =>
        {
            var plan = JsonNode.Parse(ValidPlan(m))!;
            plan["tasks"]![0]!["mind_changes"] = new JsonObject { ["new_phone"] = "555-0199-77" };
            return Reply(StrictPlanJson.Write(plan));
        };
        var generator = new DialogueGenerator(new LlmTaskPlanner(client, Settings), new AgendaUserSimulator(), new OracleAgent(), DialogueVerifier.Default,
            RoleEngines.RuleBased with { Planner = "llm" });

        var outcome = await generator.GenerateAsync(_retail, index, StableSeed.DialogueId(5, index), StableSeed.Derive(5, "dialogue", index),
            DialogueMode.UserOriented, TaskCountDistribution.Parse("2"), new GenerationOptions { Output = "unused" }, Ct);

        outcome.Kept.Should().BeTrue(string.Join("; ", outcome.Problems));
        outcome.Tasks.Should().HaveCount(2);
        var dialogue = outcome.Dialogue!;
        dialogue.Metadata.Verdict!.Checks.Should().Contain(c => c.Name == "end_state[0]" && c.Passed);
        dialogue.Messages.OfType<UserMessage>().Should().Contain(m => m.Content!.Contains(NewPhone, StringComparison.Ordinal));
        dialogue.Messages.OfType<AssistantMessage>().SelectMany(m => m.ToolCalls ?? []).Select(c => c.Function.Name).Should().Contain("update_contact_phone");
    }

    public static TheoryData<string> Domains => [.. DomainCatalog.BuiltIn.Names];

    [Theory]
    [MemberData(nameof(Domains))]
    public async Task ShowsEveryTableAndTheUser_InEveryBuiltInDomain(string domain)
    {
        var env = environments.Get(domain);
        var client = new ScriptedChatClient { Respond = (_, _) => Reply("I'm sorry, I can't.") };

        var plan = await new LlmTaskPlanner(client, Settings).PlanAsync(Request(env), Ct);

        plan.Failure.Should().NotBeNull();
        var input = client.Requests[0].Messages[1].Text;
        foreach (var table in env.Data.Keys) input.Should().Contain($"### {table} (");
        if (env.Spec.Principal is not null) Customer(client.Requests[0].Messages).Should().NotBeEmpty();
    }

    [GeneratedRegex(@"## The customer\n\n(\{.*\})")]
    private static partial Regex CustomerLine();
}
