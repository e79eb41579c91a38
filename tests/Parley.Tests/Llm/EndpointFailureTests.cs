using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.AI;
using Parley.Llm;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Llm;

/// <summary>
/// Failures no retry fixes open the endpoint's breaker (one clear error naming the endpoint and the cause, the same for
/// every later call), and malformed 200 replies are classified and retried, against a local OpenAI-protocol server
/// through the real provider, with tiny backoffs and timeouts.
/// </summary>
public sealed class EndpointFailureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static LlmSetup Setup(string baseUrl, int retries = 2, TimeSpan? timeout = null, TimeSpan? callTimeout = null)
    {
        var config = LlmConfig.FromFlags(baseUrl, "test-model", [LlmRole.Agent, LlmRole.Judge]);
        var endpoint = config.Endpoints["llm"] with
        {
            MaxRetries = retries,
            Timeout = timeout ?? TimeSpan.FromSeconds(10),
            CallTimeout = callTimeout ?? TimeSpan.FromSeconds(30),
        };
        config = config with { Endpoints = new Dictionary<string, EndpointSettings> { ["llm"] = endpoint } };
        return LlmSetup.Create(config, new LlmSetupOptions { Secrets = new SecretStore(environment: _ => null), RetryBaseDelay = TimeSpan.FromMilliseconds(1) });
    }

    private static Task<ChatResponse> Ask(LlmSetup setup, LlmRole role = LlmRole.Agent) =>
        setup[role]!.Client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: Ct);

    /// <summary>A loopback port nothing listens on (bound once to get it, then released).</summary>
    internal static string DeadBaseUrl()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}/v1";
    }

    [Fact]
    public async Task StopsWithUnreachable_WhenNothingListens_AfterItsRetries()
    {
        var url = DeadBaseUrl();
        using var setup = Setup(url);

        var first = await Assert.ThrowsAsync<ParleyException>(() => Ask(setup));
        var later = await Assert.ThrowsAsync<ParleyException>(() => Ask(setup, LlmRole.Judge));

        first.Code.Should().Be("endpoint_unavailable");
        first.Message.Should().StartWith($"model endpoint 'llm' ({url}): unreachable: ").And.Contain("is the server running");
        later.Should().BeSameAs(first, "the open breaker fails every role on the endpoint at once, with the first cause");
        setup.Usage.Failures.Should().Equal(new Dictionary<string, long> { ["unreachable"] = 1 });
    }

    [Theory]
    [InlineData(401, "invalid_api_key", "Incorrect API key provided: sk-abc12***", "unauthorized: HTTP 401: invalid_api_key", "check the API key")]
    [InlineData(403, "forbidden", "Project does not have access", "unauthorized: HTTP 403: forbidden", "check the API key")]
    [InlineData(404, "not_found", "Unknown path /v2/chat/completions", "not_found: HTTP 404: not_found", "check the base URL")]
    [InlineData(400, "model_not_found", "The model `gpt-9` does not exist", "not_found: HTTP 400: model_not_found", "and the model name")]
    public async Task StopsAtOnce_WhenTheEndpointRefusesTheRequest(int status, string code, string message, string cause, string advice)
    {
        await using var server = await OpenAiProtocolServer.StartAsync(ServerReply.Error(status, code, message));
        using var setup = Setup(server.BaseUrl);

        var error = await Assert.ThrowsAsync<ParleyException>(() => Ask(setup));
        await Assert.ThrowsAsync<ParleyException>(() => Ask(setup, LlmRole.Judge));

        error.Code.Should().Be("endpoint_unavailable");
        error.Message.Should().StartWith($"model endpoint 'llm' ({server.BaseUrl}): {cause}").And.Contain(advice);
        server.RequestCount.Should().Be(1, "a refusal is not retried, and the open breaker sends nothing more");
    }

    [Fact]
    public async Task StopsWithTimeout_WhenTheServerNeverAnswers_WithinTheCallTimeout()
    {
        await using var server = await OpenAiProtocolServer.StartAsync(ServerReply.After(TimeSpan.FromMinutes(10), ServerReply.Text("too late")));
        using var setup = Setup(server.BaseUrl, retries: 50, timeout: TimeSpan.FromMilliseconds(100), callTimeout: TimeSpan.FromMilliseconds(700));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ParleyException>(() => Ask(setup));

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20), "the call timeout bounds every attempt and backoff together");
        error.Message.Should().StartWith($"model endpoint 'llm' ({server.BaseUrl}): timeout: ").And.Contain("call_timeout_seconds");
        server.RequestCount.Should().BeGreaterThan(1, "each attempt timed out and was retried until the call's time ran out");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"id":"x","object":"chat.completion","created":1,"model":"m","choices":[]}""")]
    [InlineData("""{"id":"x","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":null,"finish_reason":"stop"}]}""")]
    public async Task RetriesAMalformedReply_ThenUsesTheGoodOne(string body)
    {
        await using var server = await OpenAiProtocolServer.StartAsync(new ServerReply.Malformed(body), ServerReply.Text("fine"));
        using var setup = Setup(server.BaseUrl);

        var response = await Ask(setup);

        response.Text.Should().Be("fine");
        server.RequestCount.Should().Be(2);
    }

    [Fact]
    public async Task FailsAsEmpty_WhenEveryReplyHasNoChoices()
    {
        await using var server = await OpenAiProtocolServer.StartAsync(new ServerReply.Malformed("""{"id":"x","object":"chat.completion","created":1,"model":"m","choices":[]}"""));
        using var setup = Setup(server.BaseUrl, retries: 1);

        var error = await Assert.ThrowsAsync<LlmException>(() => Ask(setup));

        error.Kind.Should().Be(LlmFailureKind.Empty);
        error.Message.Should().Contain("no choices");
        server.RequestCount.Should().Be(2);
    }
}
