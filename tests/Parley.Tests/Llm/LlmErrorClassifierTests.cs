using System.Net;
using Parley.Llm;

namespace Parley.Tests.Llm;

public sealed class LlmErrorClassifierTests
{
    private readonly LlmErrorClassifier _classifier = new("local", new SecretRedactor(["sk-very-secret-key"]));

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, LlmFailureKind.RateLimited)]
    [InlineData(HttpStatusCode.Unauthorized, LlmFailureKind.Unauthorized)]
    [InlineData(HttpStatusCode.BadGateway, LlmFailureKind.ServerError)]
    [InlineData(HttpStatusCode.RequestTimeout, LlmFailureKind.Timeout)]
    [InlineData(HttpStatusCode.NotFound, LlmFailureKind.NotFound)]
    public void ClassifiesHttpFailures_ByStatus(HttpStatusCode status, LlmFailureKind kind) =>
        _classifier.Classify(new HttpRequestException("failed", null, status), CancellationToken.None)!.Kind.Should().Be(kind);

    [Fact]
    public void ClassifiesResetsAndTimeouts()
    {
        _classifier.Classify(new IOException("connection reset by peer"), CancellationToken.None)!.Kind.Should().Be(LlmFailureKind.Connection);
        _classifier.Classify(new HttpRequestException("no route"), CancellationToken.None)!.Kind.Should().Be(LlmFailureKind.Connection);
        _classifier.Classify(new TaskCanceledException("timeout"), CancellationToken.None)!.Kind.Should().Be(LlmFailureKind.Timeout);
    }

    [Fact]
    public void LeavesTheCallersCancellation_AndBugsAlone()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        _classifier.Classify(new OperationCanceledException(cancelled.Token), cancelled.Token).Should().BeNull();
        _classifier.Classify(new NullReferenceException(), CancellationToken.None).Should().BeNull();
    }

    [Fact]
    public void ClassifiesOllamaErrors_ByTheirText()
    {
        _classifier.Classify(new OllamaSharp.Models.Exceptions.OllamaException("the input length exceeds the context length"), CancellationToken.None)!
            .Kind.Should().Be(LlmFailureKind.ContextLength);
    }

    [Fact]
    public void RedactsTheKey_FromTheMessage()
    {
        var error = _classifier.Classify(new HttpRequestException("bad key sk-very-secret-key", null, HttpStatusCode.Unauthorized), CancellationToken.None)!;

        error.Message.Should().NotContain("sk-very-secret-key").And.NotContain("sk-very-").And.StartWith("local: unauthorized");
    }

    [Theory]
    [InlineData("12", 12.0)]
    [InlineData("0.5", 0.5)]
    [InlineData("Thu, 01 Jan 2026 00:00:30 GMT", 30.0)]
    [InlineData("Wed, 31 Dec 2025 23:00:00 GMT", 0.0)]
    public void ParsesRetryAfter_InSecondsOrAsADate(string value, double seconds) =>
        LlmErrorClassifier.ParseRetryAfter(value, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)).Should().Be(TimeSpan.FromSeconds(seconds));

    [Fact]
    public void IgnoresAnUnreadableRetryAfter() =>
        LlmErrorClassifier.ParseRetryAfter("soon", DateTimeOffset.UnixEpoch).Should().BeNull();
}
