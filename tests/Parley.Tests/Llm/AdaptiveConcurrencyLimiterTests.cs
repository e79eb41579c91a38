using Parley.Llm;
using static Parley.Llm.AdaptiveConcurrencyLimiter;

namespace Parley.Tests.Llm;

public sealed class AdaptiveConcurrencyLimiterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HalvesTheLimitOnce_WhenABurstOfInFlightCallsIsOverloaded()
    {
        var limiter = new AdaptiveConcurrencyLimiter(16);
        var leases = new List<Lease>();
        for (var i = 0; i < 8; i++) leases.Add(await limiter.AcquireAsync(Ct));

        foreach (var lease in leases) lease.Release(CallOutcome.Overloaded);

        limiter.CurrentLimit.Should().Be(8);
        limiter.InFlight.Should().Be(0);
    }

    [Fact]
    public async Task CutsAgain_WhenACallTakenAfterTheCutIsOverloaded()
    {
        var limiter = new AdaptiveConcurrencyLimiter(16);
        (await limiter.AcquireAsync(Ct)).Release(CallOutcome.Overloaded);
        (await limiter.AcquireAsync(Ct)).Release(CallOutcome.Overloaded);
        (await limiter.AcquireAsync(Ct)).Release(CallOutcome.Overloaded);

        limiter.CurrentLimit.Should().Be(2);
    }

    [Fact]
    public async Task GrowsAdditivelyUpToTheMaximum_WhenCallsSucceed()
    {
        var limiter = new AdaptiveConcurrencyLimiter(4, initialLimit: 1);
        var limits = new List<int>();
        for (var i = 0; i < 12; i++)
        {
            (await limiter.AcquireAsync(Ct)).Release(CallOutcome.Success);
            limits.Add(limiter.CurrentLimit);
        }

        limits.Should().BeInAscendingOrder();
        limits[0].Should().Be(2);
        limits[^1].Should().Be(4);
    }

    [Fact]
    public async Task MakesCallsWait_WhenTheLimitIsReached()
    {
        var limiter = new AdaptiveConcurrencyLimiter(2);
        var first = await limiter.AcquireAsync(Ct);
        await limiter.AcquireAsync(Ct);

        var third = limiter.AcquireAsync(Ct).AsTask();
        third.IsCompleted.Should().BeFalse();

        first.Release(CallOutcome.Neutral);
        (await third).Should().NotBeNull();
        limiter.InFlight.Should().Be(2);
    }

    [Fact]
    public async Task DropsAWaiter_WhenItsCallIsCancelled()
    {
        var limiter = new AdaptiveConcurrencyLimiter(1);
        var held = await limiter.AcquireAsync(Ct);
        using var cancel = new CancellationTokenSource();
        var waiting = limiter.AcquireAsync(cancel.Token).AsTask();

        await cancel.CancelAsync();

        await waiting.Invoking(w => w).Should().ThrowAsync<OperationCanceledException>();
        held.Release(CallOutcome.Neutral);
        limiter.InFlight.Should().Be(0);
        (await limiter.AcquireAsync(Ct)).Should().NotBeNull();
    }
}
