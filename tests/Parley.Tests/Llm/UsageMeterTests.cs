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
            meter.Record(i % 2 == 0 ? "agent" : "user_simulator", new Parley.Dialogues.TokenUsage { Requests = 1, InputTokens = 10, OutputTokens = 5, Cost = prices.Cost(10, 0, 5) }), TestContext.Current.CancellationToken)));
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

    [Fact]
    public async Task MetersACachedReply_AsServedFromCache_WhenTheMeterSitsOutsideTheCache()
    {
        var calls = 0;
        var inner = new TestDoubles.ScriptedChatClient
        {
            Respond = (_, _) => { calls++; return new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")) { Usage = new UsageDetails { InputTokenCount = 1000, OutputTokenCount = 500 } }; },
        };
        using var temp = new TestDoubles.TempDirectory();
        var storage = new FileDistributedCache(temp.Path);
        var meter = new UsageMeter();
        var client = new UsageMeteringChatClient(new ResponseCachingChatClient(inner, storage), meter, "designer", new ModelPrices(3m, 15m));
        var ct = TestContext.Current.CancellationToken;

        var first = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: ct);
        var again = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: ct);

        calls.Should().Be(1, "the second call is served from the cache");
        LlmUsage.Of(first).FromCache.Should().BeNull();
        LlmUsage.Of(again).FromCache.Should().Be(LlmUsage.Of(first), "the cached reply's whole usage is its from-cache share");
        var usage = meter.ForRole("designer");
        (usage.Requests, usage.InputTokens, usage.OutputTokens).Should().Be((2, 2000, 1000));
        (usage.FromCache!.Requests, usage.FromCache.InputTokens, usage.FromCache.OutputTokens, usage.FromCache.Cost).Should().Be((1, 1000, 500, LlmUsage.Of(first).Cost));
        usage.SpentTokens().Should().Be(1500);
    }
}
