using Microsoft.Extensions.AI;
using Parley.Llm;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Llm;

public sealed class TokenBudgetTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly ImmediateTimeProvider _time = new();

    [Fact]
    public async Task SpendsWithoutWaiting_WhileTheBudgetLasts()
    {
        var budget = new TokenBudget(6000, _time);

        await budget.AcquireAsync(4000, Ct);

        _time.Delays.Should().BeEmpty();
        budget.Available.Should().Be(2000);
    }

    [Fact]
    public async Task WaitsForTheRefill_WhenTheBudgetIsShort()
    {
        var budget = new TokenBudget(6000, _time);
        await budget.AcquireAsync(6000, Ct);

        await budget.AcquireAsync(1000, Ct);

        // 6000 per minute is 100 per second: 1000 tokens take ten seconds to come back.
        _time.Delays.Sum(d => d.TotalSeconds).Should().BeApproximately(10, 0.01);
    }

    [Fact]
    public async Task MakesTheNextCallWait_WhenAReplyUsedMoreThanEstimated()
    {
        var budget = new TokenBudget(6000, _time);
        await budget.AcquireAsync(1000, Ct);

        budget.Correct(5500);
        budget.Available.Should().BeLessThan(0);
        await budget.AcquireAsync(100, Ct);

        _time.Delays.Sum(d => d.TotalSeconds).Should().BeApproximately(6, 0.01);
    }

    [Fact]
    public async Task CorrectsTheEstimate_WithTheReportedUsage()
    {
        var budget = new TokenBudget(100_000, _time);
        var inner = new ScriptedChatClient().Then((_, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok"))
        {
            Usage = new UsageDetails { InputTokenCount = 30_000, OutputTokenCount = 20_000 },
        });
        var messages = new[] { new ChatMessage(ChatRole.User, new string('x', 400)) };
        var estimate = TokenRateLimitingChatClient.Estimate(messages, null);

        await new TokenRateLimitingChatClient(inner, budget).GetResponseAsync(messages, cancellationToken: Ct);

        estimate.Should().BeInRange(100, 200);
        budget.Available.Should().BeApproximately(50_000, 1);
    }
}
