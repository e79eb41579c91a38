using Parley.Dialogues;
using Parley.Tests.TestDoubles;
using Parley.Tools;

namespace Parley.Tests.Tools;

public sealed class ArgumentValidatingToolExecutorTests(BuiltEnvironments environments)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly ToolCatalog _tools = environments.Retail.Tools;

    [Theory]
    [InlineData("teleport", "{}", ToolErrorKind.UnknownTool)]
    [InlineData("find_customer_by_email", "{oops", ToolErrorKind.InvalidArguments)]
    [InlineData("find_customer_by_email", "{}", ToolErrorKind.InvalidArguments)]
    [InlineData("find_customer_by_email", "{\"email\": 42}", ToolErrorKind.InvalidArguments)]
    [InlineData("list_customer_orders", "{\"customer_id\": 1, \"status\": \"returned\"}", ToolErrorKind.InvalidArguments)]
    public async Task StopsCallBeforeInnerExecutor_WhenCallIsInvalid(string tool, string arguments, ToolErrorKind expected)
    {
        var inner = new RecordingToolExecutor();
        var executor = new ArgumentValidatingToolExecutor(inner, _tools);

        var result = await executor.ExecuteAsync(new ToolInvocation("call_1", tool, arguments), Ct);

        result.Error.Should().Be(expected);
        result.IsSuccess.Should().BeFalse();
        inner.Invocations.Should().BeEmpty();
    }

    [Theory]
    [InlineData("find_customer_by_email", "{\"email\": \"a@example.com\"}")]
    [InlineData("list_customer_orders", "{\"customer_id\": 1, \"status\": \"pending\"}")]
    [InlineData("list_customer_orders", "{\"customer_id\": 1}")]
    public async Task PassesCallThrough_WhenArgumentsMatchSchema(string tool, string arguments)
    {
        var inner = new RecordingToolExecutor("[1]");
        var executor = new ArgumentValidatingToolExecutor(inner, _tools);

        var result = await executor.ExecuteAsync(new ToolInvocation("call_1", tool, arguments), Ct);

        result.IsSuccess.Should().BeTrue();
        result.Content.Should().Be("[1]");
        inner.Invocations.Should().ContainSingle().Which.Should().Be(new ToolInvocation("call_1", tool, arguments));
    }

    [Fact]
    public void TreatsBlankArgumentsAsEmptyObject_WhenToolNeedsNothing()
    {
        var tiny = TinyDomain.Spec();
        var catalog = new ToolCatalog(tiny.Tools);

        ArgumentValidatingToolExecutor.Check(catalog, new ToolInvocation("c", "list_items", "")).Should().BeNull();
        ArgumentValidatingToolExecutor.Check(catalog, new ToolInvocation("c", "list_items", "   ")).Should().BeNull();
    }

    [Fact]
    public void GivesSameVerdict_WhenTheSameCallIsCheckedAgain()
    {
        var invalid = new ToolInvocation("c1", "find_customer_by_email", "{\"mail\":\"x\"}");

        var first = ArgumentValidatingToolExecutor.Check(_tools, invalid);
        var second = ArgumentValidatingToolExecutor.Check(_tools, invalid with { CallId = "c2" });

        first.Should().NotBeNull();
        second.Should().Be(first);
    }
}
