using Parley.Cli.Rendering;
using Parley.Dialogues;
using Parley.Generation;

namespace Parley.Tests.Cli;

public sealed class ProgressTextTests
{
    private static readonly GenerationProgress Half = new()
    {
        Total = 1000,
        Done = 500,
        Resumed = 100,
        Kept = 480,
        Rejected = 20,
        InFlight = 64,
        Elapsed = TimeSpan.FromMinutes(2),
        Errors = new Dictionary<string, int> { ["termination"] = 5, ["end_state"] = 15 },
    };

    [Fact]
    public void ShowsCountsRateEtaAndErrorsByKind()
    {
        var line = ProgressText.Line(Half);

        line.Should().Contain("500/1,000 (50.0%)").And.Contain("kept 480, failed 20, in flight 64")
            .And.Contain("200 dialogues/min").And.Contain("ETA 2m30s").And.Contain("100 done before resuming")
            .And.Contain("failed by kind: end_state 15, termination 5");
        line.Should().NotContain("tokens").And.NotContain("waiting");
    }

    [Fact]
    public void ShowsDialoguesWaitingToBeWritten_WhenASlowOneHoldsThemBack()
    {
        ProgressText.Line(Half with { Waiting = 1_200 }).Should().Contain("in flight 64, 1,200 waiting to be written");
    }

    [Fact]
    public void ShowsTokensAndCost_WhenUsageIsKnown()
    {
        var line = ProgressText.Line(Half with { Usage = new TokenUsage { Requests = 40, InputTokens = 1_500_000, CachedInputTokens = 2_000, OutputTokens = 900, Cost = 1.5m } });

        line.Should().Contain("tokens 1.5M in (2.0k cached) / 900 out, 40 calls, $1.50");
    }
}
