using Microsoft.Extensions.AI;
using Parley.Llm;

namespace Parley.Tests.Llm;

public sealed class UsageMeterTests
{
    [Fact]
    public async Task SumsConcurrentRecords_PerRoleAndInTotal()
    {
        var meter = new UsageMeter();
        var prices = new ModelPrices(1m, 2m);

        await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(() =>
            meter.Record(i % 2 == 0 ? "agent" : "user_simulator", new UsageDetails { InputTokenCount = 10, OutputTokenCount = 5 }, prices), TestContext.Current.CancellationToken)));
        meter.RecordFailure(LlmFailureKind.RateLimited);

        meter.ForRole("agent").Requests.Should().Be(50);
        meter.Total.InputTokens.Should().Be(1000);
        meter.Total.Cost.Should().Be((1000 * 1m + 500 * 2m) / 1_000_000m);
        meter.Failures.Should().Equal(new Dictionary<string, long> { ["rate_limited"] = 1 });
    }

    [Fact]
    public async Task StampsEachCallsCost_OnTheUsageTheRoleReads()
    {
        var inner = new TestDoubles.ScriptedChatClient { Respond = (_, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")) { Usage = new UsageDetails { InputTokenCount = 1000, OutputTokenCount = 500 } } };
        var client = new UsageMeteringChatClient(inner, new UsageMeter(), "judge", new ModelPrices(3m, 15m));

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: TestContext.Current.CancellationToken);

        LlmUsage.Of(response).Cost.Should().Be((1000 * 3m + 500 * 15m) / 1_000_000m);
    }
}
