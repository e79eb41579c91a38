using System.Text.Json;
using Microsoft.Extensions.AI;
using Parley.Llm;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Llm;

/// <summary>The whole per-role stack (<see cref="LlmSetup"/>) against a local OpenAI-protocol server through the real OpenAI provider.</summary>
public sealed class OpenAiTransportTests : IDisposable
{
    private const string Key = "sk-test-0123456789abcdefSECRET";
    private readonly ImmediateTimeProvider _time = new();
    private readonly TempDirectory _temp = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _temp.Dispose();

    private LlmSetup Setup(OpenAiProtocolServer server, bool cache = false, int maxConcurrency = 8, string? key = Key, CollectingLoggerFactory? logs = null)
    {
        var config = LlmConfig.FromFlags(server.BaseUrl, "test-model", [LlmRole.Agent, LlmRole.UserSimulator], apiKeyEnv: "TEST_KEY",
            cacheDirectory: cache ? _temp.Combine("cache") : null, maxConcurrency: maxConcurrency);
        return LlmSetup.Create(config, new LlmSetupOptions
        {
            Secrets = new SecretStore(environment: name => name == "TEST_KEY" ? key : null),
            TimeProvider = _time,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            LoggerFactory = logs,
        });
    }

    private static List<ChatMessage> Conversation() =>
    [
        new(ChatRole.System, "You are a helpful agent."),
        new(ChatRole.User, "Find order 42."),
        new(ChatRole.Assistant, [new FunctionCallContent("call_1", "get_order", new Dictionary<string, object?> { ["order_id"] = 42 })]),
        new(ChatRole.Tool, [new FunctionResultContent("call_1", "{\"status\":\"shipped\"}")]),
    ];

    [Fact]
    public async Task SendsTheRequestShape_TheRoleAskedFor()
    {
        await using var server = await OpenAiProtocolServer.StartAsync(ServerReply.Text("It shipped."));
        using var setup = Setup(server);
        var agent = setup.Agent!;
        var options = (agent.Settings with { Temperature = 0.3f, TopP = 0.9f, MaxOutputTokens = 256 }).CreateOptions(7);
        options.Tools = [AIFunctionFactory.CreateDeclaration("get_order", "Gets an order.", JsonDocument.Parse("""{"type":"object","properties":{"order_id":{"type":"integer"}},"required":["order_id"]}""").RootElement)];
        options.ToolMode = ChatToolMode.Auto;

        var response = await agent.Client.GetResponseAsync(Conversation(), options, Ct);

        response.Text.Should().Be("It shipped.");
        var request = server.Requests.Should().ContainSingle().Subject;
        request.Model.Should().Be("test-model");
        request.Roles.Should().Equal("system", "user", "assistant", "tool");
        request.Messages[2].GetProperty("tool_calls")[0].GetProperty("id").GetString().Should().Be("call_1");
        request.Messages[3].GetProperty("tool_call_id").GetString().Should().Be("call_1");
        request.Tools!.Value[0].GetProperty("function").GetProperty("name").GetString().Should().Be("get_order");
        request.ToolChoice!.Value.GetString().Should().Be("auto");
        request.Seed.Should().Be(7);
        request.Temperature.Should().BeApproximately(0.3, 1e-6);
        request.TopP.Should().BeApproximately(0.9, 1e-6);
        request.MaxTokens.Should().Be(256);
    }

    public static TheoryData<string> ToolModes => ["auto", "none", "required", "get_order", "parallel-off"];

    [Theory]
    [MemberData(nameof(ToolModes))]
    public async Task SendsTheSameToolsAndToolChoice_AsTheAdapterWould_WhenToolsAreConvertedOnce(string mode)
    {
        await using var server = await OpenAiProtocolServer.StartAsync(ServerReply.Text("ok"));
        var tools = new AITool[]
        {
            AIFunctionFactory.CreateDeclaration("get_order", "Gets an order.", JsonDocument.Parse("""{"type":"object","properties":{"order_id":{"type":"integer"}},"required":["order_id"]}""").RootElement),
            AIFunctionFactory.CreateDeclaration("cancel_order", "Cancels an order.", JsonDocument.Parse("""{"type":"object","properties":{"order_id":{"type":"integer"},"reason":{"type":"string","enum":["late","wrong"]}}}""").RootElement),
        };
        ChatOptions Options() => new()
        {
            Tools = tools,
            ToolMode = mode switch { "none" => ChatToolMode.None, "required" => ChatToolMode.RequireAny, "get_order" => ChatToolMode.RequireSpecific("get_order"), _ => ChatToolMode.Auto },
            AllowMultipleToolCalls = mode == "parallel-off" ? false : null,
        };
        var endpoint = new EndpointSettings { Name = "e", Provider = ChatProviderFactory.OpenAi, BaseUrl = server.BaseUrl };
        using var cached = ChatProviderFactory.Create(endpoint, "m", "k");
        using var plain = ((DelegatingChatClient)cached).GetService<OpenAI.Chat.ChatClient>()!.AsIChatClient();

        await plain.GetResponseAsync(Conversation(), Options(), Ct);
        await cached.GetResponseAsync(Conversation(), Options(), Ct);
        await cached.GetResponseAsync(Conversation(), Options(), Ct);

        var bodies = server.Requests.Select(r => r.Body.GetRawText()).ToList();
        bodies.Should().HaveCount(3).And.AllBeEquivalentTo(bodies[0], "the converted tools, tool_choice and parallel_tool_calls are the adapter's own");
        server.Requests[0].Tools!.Value.GetArrayLength().Should().Be(2);
    }

    [Fact]
    public async Task SendsTheJsonSchema_AsResponseFormat()
    {
        await using var server = await OpenAiProtocolServer.StartAsync(ServerReply.Text("{}"));
        using var setup = Setup(server);
        var options = new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonDocument.Parse("""{"type":"object","properties":{"user_message":{"type":"string"}}}""").RootElement, "UserTurn") };

        await setup.UserSimulator!.Client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], options, Ct);

        var format = server.Requests.Single().ResponseFormat!.Value;
        format.GetProperty("type").GetString().Should().Be("json_schema");
        format.GetProperty("json_schema").GetProperty("name").GetString().Should().Be("UserTurn");
    }

    [Fact]
    public async Task RetriesAfterTheServersDelay_WhenRateLimited()
    {
        await using var server = await OpenAiProtocolServer.StartAsync(ServerReply.RateLimited("3"), ServerReply.Text("done"));
        using var setup = Setup(server);

        var response = await setup.Agent!.Client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: Ct);

        response.Text.Should().Be("done");
        server.RequestCount.Should().Be(2);
        _time.Delays.Should().Contain(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task ReadsAnHttpDate_InRetryAfter()
    {
        var when = _time.GetUtcNow().AddSeconds(20).ToString("r", System.Globalization.CultureInfo.InvariantCulture);
        await using var server = await OpenAiProtocolServer.StartAsync(ServerReply.RateLimited(when), ServerReply.Text("done"));
        using var setup = Setup(server);

        await setup.Agent!.Client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: Ct);

        _time.Delays.Should().Contain(d => d > TimeSpan.FromSeconds(19) && d <= TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task RecoversFromServerErrorsAndDroppedConnections()
    {
        await using var server = await OpenAiProtocolServer.StartAsync(ServerReply.ServerError(), ServerReply.Drop(), ServerReply.ServerError(503), ServerReply.Text("fine"));
        using var setup = Setup(server);

        var response = await setup.Agent!.Client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: Ct);

        response.Text.Should().Be("fine");
        server.RequestCount.Should().Be(4);
    }

    [Fact]
    public async Task FailsAsServerError_WhenErrorsOutlastTheRetries()
    {
        await using var server = await OpenAiProtocolServer.StartAsync(ServerReply.ServerError());
        using var setup = Setup(server);

        var act = () => setup.Agent!.Client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: Ct);

        (await act.Should().ThrowAsync<LlmException>()).Which.Kind.Should().Be(LlmFailureKind.ServerError);
        server.RequestCount.Should().Be(7);
        setup.Usage.Failures.Should().Contain("server_error", 1);
    }

    [Fact]
    public async Task RetriesAMalformedBody_ThenClassifiesItAsInvalidJson()
    {
        await using var server = await OpenAiProtocolServer.StartAsync(ServerReply.MalformedBody());
        using var setup = Setup(server);

        var act = () => setup.Agent!.Client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: Ct);

        (await act.Should().ThrowAsync<LlmException>()).Which.Kind.Should().Be(LlmFailureKind.InvalidJson);
        server.RequestCount.Should().Be(7, "a broken body is a transport glitch, retried like a 500");
    }

    [Theory]
    [InlineData("context_length_exceeded", LlmFailureKind.ContextLength)]
    [InlineData("content_filter", LlmFailureKind.ContentFilter)]
    [InlineData("invalid_value", LlmFailureKind.BadRequest)]
    public async Task DoesNotRetry_ABadRequest(string code, LlmFailureKind kind)
    {
        await using var server = await OpenAiProtocolServer.StartAsync(
            code == "context_length_exceeded" ? ServerReply.ContextLengthExceeded() : code == "content_filter" ? ServerReply.ContentFiltered() : ServerReply.Error(400, code, "bad value"));
        using var setup = Setup(server);

        var act = () => setup.Agent!.Client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: Ct);

        (await act.Should().ThrowAsync<LlmException>()).Which.Kind.Should().Be(kind);
        server.RequestCount.Should().Be(1);
    }

    [Fact]
    public async Task NeverShowsTheKey_WhenTheServerEchoesIt()
    {
        await using var server = await OpenAiProtocolServer.StartAsync(ServerReply.Error(401, "invalid_api_key", $"Incorrect API key provided: {Key[..10]}***{Key[^4..]} and {Key}."));
        var logs = new CollectingLoggerFactory();
        using var setup = Setup(server, logs: logs);

        var act = () => setup.Agent!.Client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: Ct);

        var error = (await act.Should().ThrowAsync<ParleyException>()).Which;
        error.Message.Should().Contain("unauthorized: HTTP 401");
        error.ToString().Should().NotContain(Key).And.NotContain(Key[..10]);
        string.Join('\n', setup.Describe()).Should().NotContain(Key);
        logs.Lines.Should().NotBeEmpty();
        string.Join('\n', logs.Lines).Should().NotContain(Key).And.NotContain(Key[..10]);
    }

    [Fact]
    public async Task AnswersTheSecondIdenticalRequest_FromTheCache()
    {
        await using var server = await OpenAiProtocolServer.StartAsync(ServerReply.Text("first", new ServerUsage(120, 30)), ServerReply.Text("second"));
        using var setup = Setup(server, cache: true);
        var options = setup.Agent!.Settings.CreateOptions(1);

        var first = await setup.Agent.Client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], options, Ct);
        var second = await setup.Agent.Client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], options.Clone(), Ct);
        using var rerun = Setup(server, cache: true);
        var third = await rerun.Agent!.Client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], options.Clone(), Ct);

        (first.Text, second.Text, third.Text).Should().Be(("first", "first", "first"));
        server.RequestCount.Should().Be(1);
        var agent = setup.Usage.ForRole("agent");
        agent.Requests.Should().Be(2, "both calls are metered, the cached one too");
        agent.FromCache!.Requests.Should().Be(1, "only the second was served from the cache");
        (agent.InputTokens, agent.OutputTokens, agent.FromCache.InputTokens, agent.FromCache.OutputTokens).Should().Be((240, 60, 120, 30));
        agent.SpentTokens().Should().Be(150, "only the first call reached the endpoint");
    }

    [Theory]
    [InlineData("seed")]
    [InlineData("temperature")]
    [InlineData("model")]
    [InlineData("tools")]
    [InlineData("response_format")]
    public async Task MissesTheCache_WhenAnythingThatChangesTheReplyDiffers(string change)
    {
        await using var server = await OpenAiProtocolServer.StartAsync(ServerReply.Text("a"), ServerReply.Text("b"));
        using var setup = Setup(server, cache: true);
        var options = setup.Agent!.Settings.CreateOptions(1);
        var changed = options.Clone();
        switch (change)
        {
            case "seed": changed.Seed = 2; break;
            case "temperature": changed.Temperature = 0.9f; break;
            case "model": changed.ModelId = "other-model"; break;
            case "tools": changed.Tools = [AIFunctionFactory.CreateDeclaration("t", "a tool", JsonDocument.Parse("""{"type":"object"}""").RootElement)]; break;
            default: changed.ResponseFormat = ChatResponseFormat.Json; break;
        }

        await setup.Agent.Client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], options, Ct);
        var second = await setup.Agent.Client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], changed, Ct);

        second.Text.Should().Be("b");
        server.RequestCount.Should().Be(2);
    }

    [Fact]
    public async Task CountsUsageAndCost_PerRole()
    {
        await using var server = await OpenAiProtocolServer.StartAsync(ServerReply.Text("x", new ServerUsage(1000, 200, 400)));
        var config = LlmConfig.FromFlags(server.BaseUrl, "m", [LlmRole.Agent, LlmRole.Judge]);
        config = config with { Endpoints = new Dictionary<string, EndpointSettings> { ["llm"] = config.Endpoints["llm"] with { Prices = new ModelPrices(2m, 8m, 1m) } } };
        using var setup = LlmSetup.Create(config, new LlmSetupOptions { Secrets = new SecretStore(environment: _ => null), TimeProvider = _time });

        await setup.Agent!.Client.GetResponseAsync([new ChatMessage(ChatRole.User, "a")], cancellationToken: Ct);
        await setup.Agent.Client.GetResponseAsync([new ChatMessage(ChatRole.User, "b")], cancellationToken: Ct);
        await setup.Judge!.Client.GetResponseAsync([new ChatMessage(ChatRole.User, "c")], cancellationToken: Ct);

        var agent = setup.Usage.ForRole("agent");
        (agent.Requests, agent.InputTokens, agent.CachedInputTokens, agent.OutputTokens).Should().Be((2L, 2000L, 800L, 400L));
        // (600 × $2 + 400 × $1 + 200 × $8) per million, twice.
        agent.Cost.Should().Be(2 * 0.0032m);
        setup.Usage.Total.Requests.Should().Be(3);
    }

    [Fact]
    public async Task LowersTheConcurrencyLimit_After429sAndRaisesItAfterSuccesses()
    {
        await using var server = await OpenAiProtocolServer.StartAsync(request => request.Index < 3 ? ServerReply.RateLimited("0") : ServerReply.Text("ok"));
        using var setup = Setup(server, maxConcurrency: 8);
        var limiter = setup.Concurrency["llm"];

        await setup.Agent!.Client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: Ct);
        var afterThrottling = limiter.CurrentLimit;
        for (var i = 0; i < 20; i++) await setup.Agent.Client.GetResponseAsync([new ChatMessage(ChatRole.User, $"q{i}")], cancellationToken: Ct);

        // 8 → 4 → 2 → 1 after three 429s, then the success adds one.
        afterThrottling.Should().Be(2);
        limiter.CurrentLimit.Should().BeGreaterThan(afterThrottling).And.BeLessThanOrEqualTo(8);
    }

    [Fact]
    public async Task ClassifiesASlowReply_AsTimeout()
    {
        await using var server = await OpenAiProtocolServer.StartAsync(ServerReply.After(TimeSpan.FromSeconds(5), ServerReply.Text("late")));
        var config = LlmConfig.FromFlags(server.BaseUrl, "m", [LlmRole.Agent]);
        config = config with { Endpoints = new Dictionary<string, EndpointSettings> { ["llm"] = config.Endpoints["llm"] with { Timeout = TimeSpan.FromMilliseconds(200), MaxRetries = 0 } } };
        using var setup = LlmSetup.Create(config, new LlmSetupOptions { Secrets = new SecretStore(environment: _ => null), TimeProvider = _time });

        var act = () => setup.Agent!.Client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: Ct);

        (await act.Should().ThrowAsync<ParleyException>()).Which.Message.Should().Contain("'llm'").And.Contain(": timeout: ");
    }

    [Fact]
    public async Task PassesTruncatedAndEmptyReplies_ToTheRole()
    {
        await using var server = await OpenAiProtocolServer.StartAsync(ServerReply.Truncated("{\"a\": "), ServerReply.Empty());
        using var setup = Setup(server);

        var truncated = await setup.Agent!.Client.GetResponseAsync([new ChatMessage(ChatRole.User, "a")], cancellationToken: Ct);
        var empty = await setup.Agent.Client.GetResponseAsync([new ChatMessage(ChatRole.User, "b")], cancellationToken: Ct);

        (truncated.FinishReason, truncated.Text).Should().Be((ChatFinishReason.Length, "{\"a\": "));
        empty.Text.Should().BeEmpty();
    }

    [Fact]
    public async Task StreamsThroughTheStack()
    {
        await using var server = await OpenAiProtocolServer.StartAsync(ServerReply.Text("streamed reply"));
        using var setup = Setup(server);

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in setup.Agent!.Client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: Ct)) updates.Add(update);

        updates.ToChatResponse().Text.Should().Be("streamed reply");
        server.Requests.Single().Stream.Should().BeTrue();
    }

    [Fact]
    public async Task KeepsEveryCallAlive_WhenAQuarterOfRequestsFault()
    {
        var faults = new[] { ServerReply.RateLimited("0"), ServerReply.ServerError(), ServerReply.Drop() };
        await using var server = await OpenAiProtocolServer.StartAsync(FaultInjection.Wrap(_ => ServerReply.Text("ok"), 0.25, seed: 5, faults));
        using var setup = Setup(server);

        var replies = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            setup.Agent!.Client.GetResponseAsync([new ChatMessage(ChatRole.User, $"q{i}")], cancellationToken: Ct)));

        replies.Should().AllSatisfy(r => r.Text.Should().Be("ok"));
        server.RequestCount.Should().BeGreaterThan(30);
    }
}
