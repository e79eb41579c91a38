using Microsoft.Extensions.AI;
using Parley.Llm;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Llm;

public sealed class RetryingChatClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly ImmediateTimeProvider _time = new();

    private RetryingChatClient Retrying(IChatClient inner, int maxRetries = 3, bool jitter = true) =>
        new(inner, new RetryOptions { MaxRetries = maxRetries, UseJitter = jitter, BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(30), TimeProvider = _time });

    [Fact]
    public async Task RetriesAndWaitsTheRetryAfter_WhenRateLimited()
    {
        var inner = new ScriptedChatClient()
            .Throw(new LlmException(LlmFailureKind.RateLimited, "slow down") { RetryAfter = TimeSpan.FromSeconds(7) })
            .Reply("ok");

        var response = await Retrying(inner).GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: Ct);

        response.Text.Should().Be("ok");
        inner.Requests.Should().HaveCount(2);
        _time.Delays.Should().ContainSingle().Which.Should().Be(TimeSpan.FromSeconds(7));
    }

    [Fact]
    public async Task BacksOffExponentially_WhenServerErrorsRepeat()
    {
        var inner = new ScriptedChatClient();
        for (var i = 0; i < 3; i++) inner.Throw(new LlmException(LlmFailureKind.ServerError, "500"));
        inner.Reply("ok");

        (await Retrying(inner, jitter: false).GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: Ct)).Text.Should().Be("ok");

        _time.Delays.Should().Equal(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400));
    }

    [Theory]
    [InlineData(LlmFailureKind.BadRequest)]
    [InlineData(LlmFailureKind.ContextLength)]
    [InlineData(LlmFailureKind.ContentFilter)]
    [InlineData(LlmFailureKind.Unauthorized)]
    public async Task DoesNotRetry_WhenTheFailureIsDeterministic(LlmFailureKind kind)
    {
        var inner = new ScriptedChatClient().Throw(new LlmException(kind, "no")).Reply("never");

        var act = () => Retrying(inner).GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: Ct);

        (await act.Should().ThrowAsync<LlmException>()).Which.Kind.Should().Be(kind);
        inner.Requests.Should().ContainSingle();
        _time.Delays.Should().BeEmpty();
    }

    [Fact]
    public async Task SurfacesTheLastFailure_WhenRetriesRunOut()
    {
        var inner = new ScriptedChatClient { Respond = (_, _) => throw new LlmException(LlmFailureKind.Timeout, "slow") };

        var act = () => Retrying(inner, maxRetries: 2).GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: Ct);

        (await act.Should().ThrowAsync<LlmException>()).Which.Kind.Should().Be(LlmFailureKind.Timeout);
        inner.Requests.Should().HaveCount(3);
    }

    [Fact]
    public async Task CapsTheRetryAfter_AtTheMaximumDelay()
    {
        var inner = new ScriptedChatClient()
            .Throw(new LlmException(LlmFailureKind.RateLimited, "slow down") { RetryAfter = TimeSpan.FromHours(1) })
            .Reply("ok");

        await Retrying(inner).GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: Ct);

        _time.Delays.Should().ContainSingle().Which.Should().Be(TimeSpan.FromSeconds(30));
    }
}
