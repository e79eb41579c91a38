using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using Microsoft.Extensions.AI;
using OllamaSharp;
using OpenAI;

namespace Parley.Llm;

/// <summary>Creates the bare <see cref="IChatClient"/> of an endpoint's provider, with the provider's own retries off (Parley's retry layer owns retrying).</summary>
internal static class ChatProviderFactory
{
    /// <summary>Any OpenAI-compatible endpoint: OpenAI, vLLM, SGLang, llama.cpp, LM Studio, OpenRouter, Together.</summary>
    public const string OpenAi = "openai";

    /// <summary>An Ollama server.</summary>
    public const string Ollama = "ollama";

    /// <summary>Anthropic's Messages API.</summary>
    public const string Anthropic = "anthropic";

    /// <summary>A client of <paramref name="endpoint"/> for <paramref name="model"/>, authenticating with <paramref name="apiKey"/> when given.</summary>
    public static IChatClient Create(EndpointSettings endpoint, string model, string? apiKey) => endpoint.Provider switch
    {
        OpenAi => CreateOpenAi(endpoint, model, apiKey),
        Ollama => new OllamaApiClient(new HttpClient(Handler(endpoint)) { BaseAddress = new Uri(endpoint.BaseUrl ?? "http://localhost:11434"), Timeout = endpoint.Timeout }, model),
        Anthropic => CreateAnthropic(endpoint, model, apiKey),
        _ => throw ParleyException.InvalidOption($"endpoints.{endpoint.Name}.provider", $"unknown provider '{endpoint.Provider}'; expected openai, ollama or anthropic"),
    };

    private static IChatClient CreateOpenAi(EndpointSettings endpoint, string model, string? apiKey)
    {
        var options = new OpenAIClientOptions
        {
            NetworkTimeout = endpoint.Timeout,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            // The SDK's own client would wait for the OS's connect timeout (minutes) on an address that drops packets.
            Transport = new HttpClientPipelineTransport(new HttpClient(Handler(endpoint)) { Timeout = System.Threading.Timeout.InfiniteTimeSpan }),
        };
        if (endpoint.BaseUrl is { } url) options.Endpoint = new Uri(url);
        // Local servers (vLLM, llama.cpp) take any key; the SDK insists on one.
        var client = new OpenAIClient(new ApiKeyCredential(apiKey ?? "no-key"), options);
        return new OpenAiToolCachingChatClient(client.GetChatClient(model).AsIChatClient());
    }

    private static SocketsHttpHandler Handler(EndpointSettings endpoint) => new() { ConnectTimeout = endpoint.ConnectTimeout };

    private static IChatClient CreateAnthropic(EndpointSettings endpoint, string model, string? apiKey)
    {
        IAnthropicClient client = new AnthropicClient
        {
            ApiKey = apiKey,
            MaxRetries = 0,
            Timeout = endpoint.Timeout,
        };
        if (endpoint.BaseUrl is { } url) client = client.WithOptions(o => o with { BaseUrl = url });
        return client.AsIChatClient(model);
    }
}
