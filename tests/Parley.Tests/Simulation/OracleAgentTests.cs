using System.Text.Json;
using Parley.Dialogues;
using Parley.Environments;
using Parley.Simulation;
using Parley.Tasks;
using Parley.Tests.TestDoubles;
using Parley.Tools;
using static Parley.Tests.TestDoubles.SqlQueries;
using Parley.Serialization;

namespace Parley.Tests.Simulation;

public sealed class OracleAgentTests(BuiltEnvironments environments)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly OracleAgent _agent = new();
    private readonly EnvironmentDatabase _retail = environments.Retail;

    private static PlannedCall Call(string tool, params (string Name, string Expression)[] args) =>
        new(tool, args.ToDictionary(a => a.Name, a => JsonSerializer.SerializeToElement(a.Expression, PrimitiveJsonContext.Default.String)));

    private static DialogueAct Request(params PlannedCall[] calls) => new(ActType.Request) { Task = 0, Request = 0, Calls = calls };

    private static DialogueAct Inform(string fact, string value, int task = 0) => new(ActType.Inform) { Fact = fact, Value = value, Task = task };

    /// <summary>A conversation driven turn by turn, the way the orchestrator drives it.</summary>
    private sealed class Conversation(OracleAgent agent, EnvironmentDatabase env, SqliteSandbox database, ulong seed = 42)
    {
        private readonly IToolExecutor _executor = env.CreateExecutor(database);
        public List<Message> Messages { get; } = [new SystemMessage { Content = "You are a helpful assistant." }];
        public AgentState State { get; private set; } = new() { Rng = seed };

        public async Task<AgentTurn> UserSays(string text, params DialogueAct[] acts)
        {
            Messages.Add(new UserMessage { Content = text });
            return await AgentTurn(acts);
        }

        /// <summary>Runs the agent's last tool calls for real and lets the agent react.</summary>
        public async Task<AgentTurn> ToolsAnswer()
        {
            foreach (var call in ((AssistantMessage)Messages[^1]).ToolCalls!)
            {
                var result = await _executor.ExecuteAsync(new ToolInvocation(call.Id, call.Function.Name, call.Function.Arguments), Ct);
                Messages.Add(new ToolMessage { ToolCallId = call.Id, Name = call.Function.Name, Content = result.Content });
            }
            return await AgentTurn([]);
        }

        private async Task<AgentTurn> AgentTurn(DialogueAct[] userActs)
        {
            var turn = await agent.NextTurnAsync(new AgentView(DialogueMode.UserOriented, Messages, env.Tools, userActs, State), Ct);
            State = turn.State;
            Messages.Add(new AssistantMessage { Content = turn.Text ?? "", ToolCalls = turn.ToolCalls });
            return turn;
        }
    }

    [Fact]
    public async Task AsksForAMissingFact_InsteadOfCallingATool()
    {
        using var copy = _retail.OpenCopy();
        var conversation = new Conversation(_agent, _retail, copy);
        var email = ReadText(copy, "SELECT email FROM customers ORDER BY customer_id LIMIT 1");

        var ask = await conversation.UserSays("Could you pull up my orders?",
            Request(Call("find_customer_by_email", ("email", "{email}")), Call("list_customer_orders", ("customer_id", "$customer_id"))));
        var call = await conversation.UserSays($"It's {email}.", Inform("email", email, task: -1));

        ask.ToolCalls.Should().BeNull();
        ask.Acts.Should().ContainSingle().Which.Should().Match<DialogueAct>(a => a.Type == ActType.AskInfo && a.Fact == "email");
        ask.Text.Should().Contain("email address");
        call.ToolCalls.Should().ContainSingle().Which.Function.Should().Be(new FunctionCall("find_customer_by_email", JsonSerializer.Serialize(new { email })));
        call.Text.Should().BeNull();
    }

    [Fact]
    public async Task TakesValuesFromEarlierResults_WithoutAskingTheUser()
    {
        using var copy = _retail.OpenCopy();
        var conversation = new Conversation(_agent, _retail, copy);
        var (email, id) = (ReadText(copy, "SELECT email FROM customers ORDER BY customer_id LIMIT 1"), ReadLong(copy, "SELECT customer_id FROM customers ORDER BY customer_id LIMIT 1"));

        await conversation.UserSays($"My orders please, I'm {email}.",
            Request(Call("find_customer_by_email", ("email", "{email}")), Call("list_customer_orders", ("customer_id", "$customer_id"))), Inform("email", email, task: -1));
        var second = await conversation.ToolsAnswer();
        var report = await conversation.ToolsAnswer();

        second.ToolCalls.Should().ContainSingle().Which.Function.Should().Be(new FunctionCall("list_customer_orders", $"{{\"customer_id\":{id}}}"));
        report.ToolCalls.Should().BeNull();
        report.Acts.Select(a => a.Type).Should().Equal(ActType.Completed, ActType.Report);
        report.Text.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task AsksForConfirmationBeforeAWrite_AndCallsItOnlyAfterAnAffirm()
    {
        using var copy = _retail.OpenCopy();
        var conversation = new Conversation(_agent, _retail, copy);
        var order = ReadLong(copy, "SELECT order_id FROM orders WHERE status = 'pending' ORDER BY order_id LIMIT 1");
        var reason = "it will arrive too late";

        var confirm = await conversation.UserSays($"Please cancel order {order}, {reason}.",
            Request(Call("cancel_order", ("order_id", "{order_id}"), ("reason", "{reason}"))), Inform("order_id", order.ToString(System.Globalization.CultureInfo.InvariantCulture)), Inform("reason", reason));
        var stillWaiting = await conversation.UserSays("Hmm, thanks.", new DialogueAct(ActType.Thank));
        var call = await conversation.UserSays("Yes, go ahead.", new DialogueAct(ActType.Affirm));
        var done = await conversation.ToolsAnswer();

        confirm.ToolCalls.Should().BeNull();
        confirm.Acts.Should().ContainSingle().Which.Type.Should().Be(ActType.Confirm);
        confirm.Text.Should().Contain($"cancel order #{order}").And.Contain(reason);
        stillWaiting.ToolCalls.Should().BeNull("no affirm, no write");
        stillWaiting.Acts.Should().ContainSingle().Which.Type.Should().Be(ActType.Confirm);
        call.ToolCalls.Should().ContainSingle().Which.Function.Should().Be(new FunctionCall("cancel_order", $"{{\"order_id\":{order},\"reason\":\"{reason}\"}}"));
        done.Acts.Select(a => a.Type).Should().Equal(ActType.Completed, ActType.Report);
        done.Text.Should().Contain("cancelled");
        ReadText(copy, $"SELECT status FROM orders WHERE order_id = {order}").Should().Be("cancelled");
    }

    [Fact]
    public async Task AsksAgainInsteadOfWriting_WhenTheUserChangesADetailAfterConfirming()
    {
        using var copy = _retail.OpenCopy();
        var conversation = new Conversation(_agent, _retail, copy);
        var order = ReadLong(copy, "SELECT order_id FROM orders WHERE status = 'pending' ORDER BY order_id LIMIT 1").ToString(System.Globalization.CultureInfo.InvariantCulture);

        await conversation.UserSays("Cancel it, I no longer need it.",
            Request(Call("cancel_order", ("order_id", "{order_id}"), ("reason", "{reason}"))), Inform("order_id", order), Inform("reason", "I no longer need it"));
        var again = await conversation.UserSays("Actually, say I found it cheaper elsewhere.", Inform("reason", "I found it cheaper elsewhere"));
        var call = await conversation.UserSays("Yes.", new DialogueAct(ActType.Affirm));

        again.ToolCalls.Should().BeNull();
        again.Acts.Should().ContainSingle().Which.Type.Should().Be(ActType.Confirm);
        again.Text.Should().Contain("you found it cheaper elsewhere");
        call.ToolCalls.Should().ContainSingle().Which.Function.Arguments.Should().Contain("I found it cheaper elsewhere");
    }

    [Fact]
    public async Task AsksToDoubleCheckTheFact_WhenALookupOfAUserGivenValueFindsNothing()
    {
        using var copy = _retail.OpenCopy();
        var conversation = new Conversation(_agent, _retail, copy);

        var call = await conversation.UserSays("Look me up: jnae.doe@example.com",
            Request(Call("find_customer_by_email", ("email", "{email}"))), Inform("email", "jnae.doe@example.com", task: -1));
        var recover = await conversation.ToolsAnswer();

        call.ToolCalls.Should().ContainSingle();
        ((ToolMessage)conversation.Messages[^2]).Content.Should().Contain("\"kind\":\"no_rows\"");
        recover.ToolCalls.Should().BeNull();
        recover.Acts.Should().BeEquivalentTo([
            new DialogueAct(ActType.ReportError) { Fact = "email", Error = ToolErrorKind.NoRows },
            new DialogueAct(ActType.AskInfo) { Fact = "email" },
        ], o => o.WithStrictOrdering());
        recover.Text.Should().Contain("jnae.doe@example.com").And.Contain("email address");
        recover.State.Stated.Should().NotContainKey("email", "the suspect value is forgotten until the user gives it again");
    }

    [Fact]
    public async Task ExplainsAndDropsTheRequest_WhenAPreconditionFails()
    {
        using var copy = _retail.OpenCopy();
        var conversation = new Conversation(_agent, _retail, copy);
        var order = ReadLong(copy, "SELECT order_id FROM orders WHERE status = 'shipped' ORDER BY order_id LIMIT 1").ToString(System.Globalization.CultureInfo.InvariantCulture);

        await conversation.UserSays("Cancel my shipped order.",
            Request(Call("cancel_order", ("order_id", "{order_id}"), ("reason", "{reason}"))), Inform("order_id", order), Inform("reason", "too late"));
        await conversation.UserSays("Yes.", new DialogueAct(ActType.Affirm));
        var failed = await conversation.ToolsAnswer();

        failed.ToolCalls.Should().BeNull();
        failed.Acts.Select(a => a.Type).Should().Equal(ActType.ReportError, ActType.Report);
        failed.Acts[0].Error.Should().Be(ToolErrorKind.PreconditionFailed);
        failed.Text.Should().Contain($"Order {order} can no longer be cancelled because it is not pending.");
        failed.State.Queue.Should().BeEmpty();
    }

    [Fact]
    public async Task SaysGoodbye_WhenTheUserSaysBye()
    {
        using var copy = _retail.OpenCopy();
        var conversation = new Conversation(_agent, _retail, copy);

        var bye = await conversation.UserSays("That's all, bye!", new DialogueAct(ActType.Bye));

        bye.Acts.Should().ContainSingle().Which.Type.Should().Be(ActType.Goodbye);
        bye.ToolCalls.Should().BeNull();
        bye.Text.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task DeclinesWithTheReasonAfterChecking_WhenThePolicyForbidsTheRequest()
    {
        using var copy = _retail.OpenCopy();
        var conversation = new Conversation(_agent, _retail, copy);
        var order = ReadLong(copy, "SELECT order_id FROM orders WHERE status = 'shipped' ORDER BY order_id LIMIT 1").ToString(System.Globalization.CultureInfo.InvariantCulture);
        var decline = new Decline($"cancel order #{order}", "it has already shipped, and only pending orders can be cancelled", "I can open a return once it arrives.");

        var check = await conversation.UserSays($"Please cancel order {order}.",
            Request(Call("get_order_status", ("order_id", "{order_id}"))) with { Decline = decline }, Inform("order_id", order));
        var declined = await conversation.ToolsAnswer();

        check.ToolCalls.Should().ContainSingle().Which.Function.Name.Should().Be("get_order_status", "it checks with a tool first");
        declined.ToolCalls.Should().BeNull("nothing is changed");
        declined.Acts.Select(a => a.Type).Should().Contain([ActType.Decline, ActType.Report]);
        declined.Text.Should().Contain($"cancel order #{order}").And.Contain(decline.Because).And.Contain(decline.Offer);
        ReadText(copy, $"SELECT status FROM orders WHERE order_id = {order}").Should().Be("shipped");
    }

    [Fact]
    public async Task HoldsTheDeclineWithTheSameReason_WhenTheUserPushesBack()
    {
        using var copy = _retail.OpenCopy();
        var conversation = new Conversation(_agent, _retail, copy);
        var order = ReadLong(copy, "SELECT order_id FROM orders WHERE status = 'shipped' ORDER BY order_id LIMIT 1").ToString(System.Globalization.CultureInfo.InvariantCulture);
        var decline = new Decline($"cancel order #{order}", "it has already shipped, and only pending orders can be cancelled", "I can open a return once it arrives.");
        await conversation.UserSays($"Please cancel order {order}.", Request(Call("get_order_status", ("order_id", "{order_id}"))) with { Decline = decline }, Inform("order_id", order));
        await conversation.ToolsAnswer();

        var held = await conversation.UserSays("Can't you make an exception?", new DialogueAct(ActType.PushBack) { Task = 0, Request = 0 });

        held.ToolCalls.Should().BeNull();
        held.Acts.Should().ContainSingle().Which.Type.Should().Be(ActType.Decline);
        held.Text.Should().Contain(decline.Because).And.Contain(decline.Offer);
    }

    [Fact]
    public async Task ConfirmsWithTheAmountAndTheReasonInTheSecondPerson_WhenEarlierResultsHoldTheRefund()
    {
        using var copy = _retail.OpenCopy();
        var conversation = new Conversation(_agent, _retail, copy);
        var customer = ReadLong(copy, "SELECT customer_id FROM orders WHERE status = 'pending' ORDER BY order_id LIMIT 1");
        var email = ReadText(copy, $"SELECT email FROM customers WHERE customer_id = {customer}");
        var order = ReadLong(copy, $"SELECT order_id FROM orders WHERE status = 'pending' AND customer_id = {customer} ORDER BY order_id LIMIT 1").ToString(System.Globalization.CultureInfo.InvariantCulture);
        var total = ReadText(copy, $"SELECT total FROM orders WHERE order_id = {order}");

        await conversation.UserSays("Show my orders.", Request(Call("find_customer_by_email", ("email", "{email}")), Call("list_customer_orders", ("customer_id", "$customer_id"))), Inform("email", email, -1));
        await conversation.ToolsAnswer();
        await conversation.ToolsAnswer();
        var confirm = await conversation.UserSays($"Cancel order {order}, I found it cheaper elsewhere.",
            Request(Call("cancel_order", ("order_id", "{order_id}"), ("reason", "{reason}"))) with { Request = 1 }, Inform("order_id", order), Inform("reason", "I found it cheaper elsewhere"));

        confirm.Acts.Should().ContainSingle().Which.Type.Should().Be(ActType.Confirm);
        confirm.Text.Should().Contain("because you found it cheaper elsewhere").And.Contain($"${total}");
    }

    [Fact]
    public async Task AnswersTheFieldAskedInASentence_WhenTheUserFollowsUp()
    {
        using var copy = _retail.OpenCopy();
        var conversation = new Conversation(_agent, _retail, copy);
        var order = ReadLong(copy, "SELECT order_id FROM orders ORDER BY order_id LIMIT 1").ToString(System.Globalization.CultureInfo.InvariantCulture);
        var total = ReadText(copy, $"SELECT total FROM orders WHERE order_id = {order}");
        await conversation.UserSays($"What's the status of order {order}?", Request(Call("get_order_status", ("order_id", "{order_id}"))), Inform("order_id", order));
        await conversation.ToolsAnswer();

        var answer = await conversation.UserSays("What's the order total?", new DialogueAct(ActType.FollowUp) { Task = 0, Request = 0 });

        answer.Acts.Should().ContainSingle().Which.Type.Should().Be(ActType.Answer);
        answer.Text.Should().Contain($"The total is ${total}").And.NotContain(";", "one field in a sentence, not the record");
    }

    [Fact]
    public async Task LooksUpAnIndependentRequestBesideTheFirstCall_AndUsesThatResultWhenItComesUp()
    {
        using var copy = _retail.OpenCopy();
        var email = ReadText(copy, "SELECT email FROM customers ORDER BY customer_id LIMIT 1");
        var product = ReadText(copy, "SELECT name FROM products ORDER BY product_id LIMIT 1");
        var parallel = 0;
        for (var seed = 1UL; seed <= 12; seed++)
        {
            var conversation = new Conversation(_agent, _retail, copy, seed);
            var first = await conversation.UserSays($"I'm {email}. Could you list my orders? And what does the {product} cost?",
                Request(Call("find_customer_by_email", ("email", "{email}")), Call("list_customer_orders", ("customer_id", "$customer_id"))),
                Inform("email", email, task: -1),
                new DialogueAct(ActType.Request) { Task = 0, Request = 1, Calls = [Call("search_products", ("query", "{product}"))] },
                Inform("product", product));
            var second = await conversation.ToolsAnswer();
            var report = await conversation.ToolsAnswer();

            first.ToolCalls![0].Function.Should().Be(new FunctionCall("find_customer_by_email", JsonSerializer.Serialize(new { email })));
            if (first.ToolCalls.Count == 1) continue;
            parallel++;
            first.ToolCalls.Should().HaveCount(2).And.Subject.Last().Function.Should().Be(new FunctionCall("search_products", JsonSerializer.Serialize(new { query = product })));
            second.ToolCalls.Should().ContainSingle("the order list needs the customer id the first call returned").Which.Function.Name.Should().Be("list_customer_orders");
            report.ToolCalls.Should().BeNull("the product was already looked up beside the first call");
            report.Acts.Where(a => a.Type == ActType.Completed).Select(a => a.Request).Should().Equal(0, 1);
            report.Text.Should().Contain(product);
        }
        parallel.Should().BeInRange(6, 12, "independent look-ups go together most of the time, seeded");
    }

    [Fact]
    public async Task KeepsTheIdentifiedUser_WhenALaterRequestNeedsTheirIdAfterAWrite()
    {
        using var copy = _retail.OpenCopy();
        var conversation = new Conversation(_agent, _retail, copy);
        var email = ReadText(copy, "SELECT email FROM customers ORDER BY customer_id LIMIT 1");
        var identify = Call("find_customer_by_email", ("email", "{email}"));

        await conversation.UserSays($"I'm {email}; please change my phone to 555-010-2000.",
            Request(identify, Call("update_contact_phone", ("customer_id", "$customer_id"), ("phone", "{phone}"))), Inform("email", email, task: -1), Inform("phone", "555-010-2000"));
        await conversation.ToolsAnswer();
        await conversation.UserSays("Yes, go ahead.", new DialogueAct(ActType.Affirm));
        await conversation.ToolsAnswer();
        var next = await conversation.UserSays("Now, could you list my orders?",
            new DialogueAct(ActType.Request) { Task = 1, Request = 0, Calls = [identify, Call("list_customer_orders", ("customer_id", "$customer_id"))] });

        next.ToolCalls.Should().ContainSingle().Which.Function.Name.Should().Be("list_customer_orders", "the user was identified at the start and an id does not change");
        conversation.Messages.OfType<AssistantMessage>().SelectMany(m => m.ToolCalls ?? []).Count(c => c.Function.Name == "find_customer_by_email").Should().Be(1);
    }
}
