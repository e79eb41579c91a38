using Microsoft.Extensions.AI;
using Parley.Llm;

namespace Parley.Tests.Llm;

public sealed class ChatProviderFactoryTests
{
    [Theory]
    [InlineData(ChatProviderFactory.OpenAi, "http://127.0.0.1:9/v1")]
    [InlineData(ChatProviderFactory.Ollama, "http://127.0.0.1:9")]
    [InlineData(ChatProviderFactory.Anthropic, null)]
    public void CreatesAClientForTheModel_ForEveryProvider(string provider, string? baseUrl)
    {
        using var client = ChatProviderFactory.Create(new EndpointSettings { Name = "e", Provider = provider, BaseUrl = baseUrl }, "some-model", "key-123456789");

        client.GetService<ChatClientMetadata>()!.DefaultModelId.Should().Be("some-model");
    }

    [Fact]
    public void RejectsAnUnknownProvider()
    {
        var act = () => ChatProviderFactory.Create(new EndpointSettings { Name = "e", Provider = "gemini" }, "m", null);

        act.Should().Throw<ParleyException>().Which.Message.Should().Contain("gemini");
    }
}
