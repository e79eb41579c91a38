using Parley.Dialogues;
using Parley.Generation;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Generation;

public sealed class ChatFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void ReadsOpenAiAndShareGptLines_Verbatim()
    {
        var path = _temp.Write("chats.jsonl", """
            {"messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": [{"type": "text", "text": "Hi "}, {"type": "text", "text": "there"}]}, {"role": "assistant", "content": "Hello!"}]}

            {"conversations": [{"from": "human", "value": "Any news?"}, {"from": "gpt", "value": "None today."}]}
            """);

        var chats = ChatFile.Load(path);

        chats.Should().HaveCount(2);
        chats[0].Should().Match<SourceChat>(c => c.Line == 1 && c.Format == "openai" && c.System == "Be brief.");
        chats[0].Turns.Select(t => t.Content).Should().Equal("Hi there", "Hello!");
        chats[1].Should().Match<SourceChat>(c => c.Line == 3 && c.Format == "sharegpt" && c.System == null);
        chats[1].Turns[0].Should().BeOfType<UserMessage>();
        chats[1].Turns[1].Should().BeOfType<AssistantMessage>().Which.Content.Should().Be("None today.");
    }

    [Theory]
    [InlineData("""{"messages": [{"role": "user", "content": "x"}, {"role": "assistant", "content": null, "tool_calls": [{"id": "1"}]}]}""", "tool calls")]
    [InlineData("""{"messages": [{"role": "tool", "content": "x"}]}""", "'tool' message")]
    [InlineData("""{"turns": []}""", "\"messages\" (OpenAI) or \"conversations\" (ShareGPT)")]
    [InlineData("""{"messages": [""", "not JSON")]
    public void NamesTheLine_OfAChatItCannotAugment(string line, string problem)
    {
        var path = _temp.Write("chats.jsonl", """{"messages": [{"role": "user", "content": "ok"}]}""" + "\n" + line + "\n");

        var load = () => ChatFile.Load(path);

        load.Should().Throw<ParleyException>().Which.Message.Should().Contain("chats.jsonl:2").And.Contain(problem);
    }
}
