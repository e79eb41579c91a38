using System.Security.Cryptography;
using System.Text.Json;
using Parley.Generation;
using Parley.Runs;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Generation;

/// <summary>Runs over a brought database with no model at all.</summary>
public sealed partial class GeneratorTests
{
    [Fact]
    public async Task VerifiesDialoguesOverABroughtDatabase_ExercisingEveryTool_WithoutTouchingTheFile()
    {
        var database = OddShop.WriteDatabase(_temp);
        var before = SHA256.HashData(File.ReadAllBytes(database));

        var manifest = await Generator.RuleBased.RunAsync(new GenerationOptions { Output = _temp.Combine("odd"), FromDatabase = database, Count = 60, Concurrency = 2 }, cancellationToken: Ct);

        manifest.Kept.Should().BeGreaterThanOrEqualTo(54, "at least 90% of the dialogues verify");
        var environment = ArtifactLoader.ReadEnvironment(_temp.Combine("odd", "environments", "odd_shop.json"));
        var called = File.ReadLines(_temp.Combine("odd", "dialogues.jsonl"))
            .SelectMany(line => JsonDocument.Parse(line).RootElement.GetProperty("messages").EnumerateArray())
            .Where(m => m.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
            .SelectMany(m => m.GetProperty("tool_calls").EnumerateArray().Select(c => c.GetProperty("function").GetProperty("name").GetString()))
            .ToHashSet();
        environment.Tools.Count.Should().BeGreaterThanOrEqualTo(10);
        environment.Tools.Select(t => t.Name).Should().OnlyContain(n => called.Contains(n), "every tool is exercised");
        SHA256.HashData(File.ReadAllBytes(database)).Should().Equal(before);
    }

    [Fact]
    public async Task SamplesLargeTables_KeepingTheRowsTheSampleReferences()
    {
        var database = OddShop.WriteDatabase(_temp);

        var manifest = await Generator.RuleBased.RunAsync(new GenerationOptions { Output = _temp.Combine("sampled"), FromDatabase = database, MaxRowsPerTable = 10, Count = 10, Concurrency = 2 }, cancellationToken: Ct);

        var environment = ArtifactLoader.ReadEnvironment(_temp.Combine("sampled", "environments", "odd_shop.json"));
        environment.Data!["order"].Rows.Should().HaveCount(10);
        environment.Data["order_line"].Rows.Should().OnlyContain(line => ((JsonElement)line[0]!).GetInt64() <= 10, "a line whose order was not sampled is dropped");
        manifest.Kept.Should().BeGreaterThanOrEqualTo(9);
    }
}
