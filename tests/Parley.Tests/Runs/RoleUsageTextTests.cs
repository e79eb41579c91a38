using Parley.Dialogues;
using Parley.Runs;

namespace Parley.Tests.Runs;

public sealed class RoleUsageTextTests
{
    [Fact]
    public void ParsesAnOldLedgerLine_WhenItHasNoFromCacheShare()
    {
        var usage = RoleUsageText.Parse("agent=3/120/20/40/0.5;judge=1/10/0/5/0");

        usage["agent"].Should().Be(new TokenUsage { Requests = 3, InputTokens = 120, CachedInputTokens = 20, OutputTokens = 40, Cost = 0.5m });
        usage["judge"].FromCache.Should().BeNull();
    }

    [Fact]
    public void RoundTripsTheFromCacheShare_WhenSomeUsageWasServedFromCache()
    {
        var hit = new TokenUsage { Requests = 2, InputTokens = 80, OutputTokens = 30, Cost = 0.25m };
        var usage = new Dictionary<string, TokenUsage>
        {
            ["environment_designer"] = new() { Requests = 5, InputTokens = 200, CachedInputTokens = 7, OutputTokens = 90, Cost = 0.75m, FromCache = hit },
            ["agent"] = new() { Requests = 1, InputTokens = 10, OutputTokens = 5 },
        };

        var text = RoleUsageText.Format(usage);

        text.Should().Be("agent=1/10/0/5/0;environment_designer=5/200/7/90/0.75/2/80/0/30/0.25");
        RoleUsageText.Parse(text).Should().BeEquivalentTo(usage);
        RoleUsageText.Parse(text)["environment_designer"].SpentTokens().Should().Be(180);
    }
}
