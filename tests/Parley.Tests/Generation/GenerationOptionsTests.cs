using Parley.Generation;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Generation;

public sealed class GenerationOptionsTests
{
    [Fact]
    public void FindsNoProblem_WhenDefaultsAreUsed() => new GenerationOptions { Output = "out" }.Validate().Should().BeEmpty();

    [Theory]
    [InlineData(-1, 1.0, 200, null, 1, "-n must be zero or more")]
    [InlineData(null, 0.0, 200, null, 1, "--scale must be in (0, 1000]")]
    [InlineData(null, 1001.0, 200, null, 1, "--scale must be in (0, 1000]")]
    [InlineData(null, double.NaN, 200, null, 1, "--scale must be in (0, 1000]")]
    [InlineData(null, 1.0, 3, null, 1, "--max-turns must be at least 4")]
    [InlineData(null, 1.0, 200, 0, 1, "--pause-after must be at least 1")]
    [InlineData(null, 1.0, 200, null, 0, "--concurrency must be at least 1")]
    public void ReportsTheOption_WhenAValueIsOutOfRange(int? count, double scale, int maxTurns, int? pauseAfter, int concurrency, string problem)
    {
        var options = new GenerationOptions { Output = "out", Count = count, Scale = scale, MaxTurns = maxTurns, PauseAfter = pauseAfter, Concurrency = concurrency };

        options.Validate().Should().Equal(problem);
    }

    [Fact]
    public void AcceptsExistingFileOrFolder_AndReportsMissingFrom()
    {
        using var temp = new TempDirectory();
        var file = temp.Write("domains.txt", "retail");

        new GenerationOptions { Output = "out", From = file }.Validate().Should().BeEmpty();
        new GenerationOptions { Output = "out", From = temp.Path }.Validate().Should().BeEmpty();
        new GenerationOptions { Output = "out", From = temp.Combine("missing") }.Validate().Should().ContainSingle().Which.Should().Contain("does not exist");
    }

    [Fact]
    public void ReportsDesignOptions_ThatCannotBeUsed()
    {
        var problems = new GenerationOptions { Output = "out", FromDatabase = "/nonexistent/db.sqlite", SeedTools = "/nonexistent/tools.json", DesignDomains = -1, From = "." }.Validate();

        problems.Should().Contain(p => p.StartsWith("--from-db: '/nonexistent/db.sqlite' does not exist", StringComparison.Ordinal));
        problems.Should().Contain(p => p.StartsWith("--seed-tools:", StringComparison.Ordinal));
        problems.Should().Contain("--design-domains must be zero or more");
        problems.Should().Contain(p => p.StartsWith("--from cannot be combined", StringComparison.Ordinal));
    }
}
