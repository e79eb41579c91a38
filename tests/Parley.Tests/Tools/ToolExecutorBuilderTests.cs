using Parley.Tests.TestDoubles;
using Parley.Tools;

namespace Parley.Tests.Tools;

public sealed class ToolExecutorBuilderTests
{
    [Fact]
    public async Task WrapsFirstLayerOutermost_WhenSeveralLayersAreAdded()
    {
        var trace = new List<string>();
        var inner = new RecordingToolExecutor();
        var executor = new ToolExecutorBuilder(inner)
            .Use(e => new TracingToolExecutor(e, "outer", trace))
            .Use(e => new TracingToolExecutor(e, "inner", trace))
            .Build();

        await executor.ExecuteAsync(new ToolInvocation("c", "t", "{}"), TestContext.Current.CancellationToken);

        trace.Should().Equal("outer>", "inner>", "<inner", "<outer");
        inner.Invocations.Should().ContainSingle();
    }

    [Fact]
    public void ReturnsInnerExecutor_WhenNoLayerIsAdded()
    {
        var inner = new RecordingToolExecutor();

        new ToolExecutorBuilder(inner).Build().Should().BeSameAs(inner);
    }
}
