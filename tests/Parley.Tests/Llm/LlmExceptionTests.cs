using Parley.Llm;

namespace Parley.Tests.Llm;

public sealed class LlmExceptionTests
{
    [Theory]
    [InlineData(LlmFailureKind.Empty, "agent: the reply was empty (after 1 repair)", "llm: empty: agent: the reply was empty (after 1 repair)")]
    [InlineData(LlmFailureKind.InvalidJson, "local: invalid_json: the response body was not valid JSON", "llm: local: invalid_json: the response body was not valid JSON")]
    public void Reason_NamesTheKindOnce(LlmFailureKind kind, string message, string reason) =>
        new LlmException(kind, message).Reason.Should().Be(reason);
}
