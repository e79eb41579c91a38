using System.Globalization;
using Parley.Export;
using Parley.Reporting;
using Parley.Runs;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Export;

public sealed class DatasetCardTests(GeneratedRuns runs) : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task CarriesTheFrontMatterAndTheRunsNumbers_WhenExportingParquet()
    {
        var folder = (await runs.RetailAsync()).Folder;
        var run = (Kept: RunFolders.Kept(folder), Manifest: OutputDirectory.ReadManifest(folder));
        var (train, validation) = (run.Kept.Take(20).ToList(), run.Kept.Skip(20).ToList());

        var splits = await HuggingFaceDataset.WriteAsync(_temp.Path, train, validation, run.Manifest, cancellationToken: TestContext.Current.CancellationToken);

        var card = File.ReadAllText(_temp.Combine(HuggingFaceDataset.CardFile));
        card.Should().StartWith("---\n");
        var front = card[4..card.IndexOf("\n---\n", 4, StringComparison.Ordinal)];
        front.Should().Contain("  - split: train\n    path: data/train.parquet").And.Contain("  - split: validation\n    path: data/validation.parquet")
            .And.Contain("size_categories:\n- n<1K").And.Contain("task_categories:").And.Contain("language:\n- en").And.Contain("license: unknown");
        splits.Select(s => (s.Split, s.Samples)).Should().Equal(("train", 20), ("validation", run.Kept.Count - 20));
        var turns = Math.Round(run.Kept.Average(d => d.Metadata.Counts.Turns), 2).ToString("0.0", CultureInfo.InvariantCulture);
        card.Should().Contain($"| samples | train 20, validation {run.Kept.Count - 20} (one per dialogue) |")
            .And.Contain($"| user-oriented | all | {run.Kept.Count} | {turns} /")
            .And.Contain($"run seed {run.Manifest!.Seed}")
            .And.Contain("user_simulator = agenda")
            .And.Contain($"{run.Manifest.Kept} kept of {run.Manifest.Attempted} attempted");
        File.Exists(_temp.Combine("data", "validation.parquet")).Should().BeTrue();
    }

    [Fact]
    public async Task RemovesAStaleValidationFile_WhenNothingIsHeldOut()
    {
        var run = (Kept: RunFolders.Kept((await runs.RetailAsync()).Folder), 0);
        await HuggingFaceDataset.WriteAsync(_temp.Path, run.Kept.Take(5).ToList(), run.Kept.Skip(5).ToList(), null, cancellationToken: TestContext.Current.CancellationToken);

        await HuggingFaceDataset.WriteAsync(_temp.Path, run.Kept, [], null, perTurn: true, cancellationToken: TestContext.Current.CancellationToken);

        File.Exists(_temp.Combine("data", "validation.parquet")).Should().BeFalse();
        File.ReadAllText(_temp.Combine(HuggingFaceDataset.CardFile)).Should().NotContain("validation.parquet").And.Contain("one per assistant message").And.Contain("no manifest.json");
    }

    [Theory]
    [InlineData(999, "n<1K")]
    [InlineData(1_000, "1K<n<10K")]
    [InlineData(250_000, "100K<n<1M")]
    public void NamesTheHubSizeCategory(int rows, string category) => DatasetCard.SizeCategory(rows).Should().Be(category);
}
