using Parley.Export;
using Parley.Generation;
using Parley.Runs;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Runs;

public sealed class RunMergerTests : IDisposable
{
    private const int Count = 40;
    private static readonly string[] Compared = [OutputDirectory.DialoguesFile, OutputDirectory.TasksFile, OutputDirectory.RejectedFile, OutputDirectory.ManifestFile];
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    // A short turn limit makes some dialogues fail, so rejected.jsonl is merged too.
    private GenerationOptions Options(string name, ShardSpec? shard = null) =>
        new() { Output = _temp.Combine(name), Count = Count, Domains = ["retail", "library"], Seed = 13, MaxTurns = 30, Shard = shard };

    private async Task<List<string>> ShardsAsync(int n, Func<GenerationOptions, GenerationOptions>? change = null)
    {
        var folders = new List<string>();
        for (var i = 0; i < n; i++)
        {
            var options = (change ?? (o => o))(Options($"shard{i}", new ShardSpec(i, n)));
            await Generator.RuleBased.RunAsync(options, null, Ct);
            folders.Add(options.Output);
        }
        return folders;
    }

    private sealed record Ledger(IReadOnlyDictionary<string, string> Options, string? Version, string? Environments, string? Total, IReadOnlyList<LedgerEntry> Items);

    private static Ledger LedgerOf(string folder)
    {
        using var ledger = RunLedger.Open(folder);
        return new Ledger(ledger.Options, ledger.Get(RunLedger.VersionKey), ledger.Get(RunLedger.EnvironmentsKey), ledger.Get(RunLedger.TotalKey), ledger.Finished());
    }

    [Fact]
    public async Task EqualsOneUnshardedRun_ByteForByte_WhenThreeShardsAreMerged()
    {
        var whole = await Generator.RuleBased.RunAsync(Options("whole"), null, Ct);
        whole.Rejected.Should().BeGreaterThan(0).And.BeLessThan(Count);
        var shards = await ShardsAsync(3);

        var merged = await RunMerger.MergeAsync([shards[2], shards[0], shards[1]], _temp.Combine("merged"), Ct);

        merged.Should().BeEquivalentTo(whole);
        foreach (var file in Compared)
        {
            File.ReadAllBytes(_temp.Combine("merged", file)).Should().Equal(File.ReadAllBytes(_temp.Combine("whole", file)), file);
        }
        Directory.GetFiles(_temp.Combine("merged", OutputDirectory.EnvironmentsFolder)).Select(Path.GetFileName).Should().BeEquivalentTo("retail.json", "library.json");
    }

    [Fact]
    public async Task WritesTheUnshardedRunsLedger_WhenEveryShardIsMerged()
    {
        await Generator.RuleBased.RunAsync(Options("whole"), null, Ct);
        var shards = await ShardsAsync(3);

        await RunMerger.MergeAsync(shards, _temp.Combine("merged"), Ct);

        LedgerOf(_temp.Combine("merged")).Should().BeEquivalentTo(LedgerOf(_temp.Combine("whole")), o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task EqualsOneUnshardedRun_WhenAPartialMergeIsMergedWithTheRest()
    {
        var whole = await Generator.RuleBased.RunAsync(Options("whole"), null, Ct);
        var shards = await ShardsAsync(3);

        var group = await RunMerger.MergeAsync([shards[1], shards[0]], _temp.Combine("group"), partial: true, Ct);
        var merged = await RunMerger.MergeAsync([shards[2], _temp.Combine("group")], _temp.Combine("merged"), Ct);

        group.Config["shard"].Should().Be("0-1/3");
        var ledger = LedgerOf(_temp.Combine("group"));
        ledger.Options["shard"].Should().Be("0-1/3");
        ledger.Items.Select(e => e.Position).Should().Equal(Enumerable.Range(0, Count).Where(p => p % 3 != 2).Select(p => (long)p));
        ledger.Items[^1].End.Dialogues.Should().Be(new FileInfo(_temp.Combine("group", OutputDirectory.DialoguesFile)).Length);
        merged.Should().BeEquivalentTo(whole);
        foreach (var file in Compared)
        {
            File.ReadAllBytes(_temp.Combine("merged", file)).Should().Equal(File.ReadAllBytes(_temp.Combine("whole", file)), file);
        }
        LedgerOf(_temp.Combine("merged")).Should().BeEquivalentTo(LedgerOf(_temp.Combine("whole")), o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task RefusesAPartialMerge_UnlessAskedFor()
    {
        var shards = await ShardsAsync(3);

        var merge = () => RunMerger.MergeAsync([shards[0], shards[1]], _temp.Combine("part"), Ct);

        (await merge.Should().ThrowAsync<ParleyException>()).Which.Message.Should().Contain("shard(s) 2/3 missing").And.Contain("--partial");
        Directory.Exists(_temp.Combine("part")).Should().BeFalse();
    }

    [Fact]
    public async Task RefusesGapsAndOverlaps_InPartialMerges()
    {
        var shards = await ShardsAsync(4);
        var (first, middle) = (_temp.Combine("first"), _temp.Combine("middle"));
        await RunMerger.MergeAsync([shards[0], shards[1], shards[2]], first, partial: true, Ct);
        await RunMerger.MergeAsync([shards[1], shards[2]], middle, partial: true, Ct);

        var gap = () => RunMerger.MergeAsync([shards[0], shards[3]], _temp.Combine("gap"), partial: true, Ct);
        var overlap = () => RunMerger.MergeAsync([first, middle, shards[3]], _temp.Combine("overlap"), Ct);

        (await gap.Should().ThrowAsync<ParleyException>()).Which.Message.Should().Contain("shard(s) 1-2/4 missing").And.Contain("consecutive");
        (await overlap.Should().ThrowAsync<ParleyException>()).Which.Message.Should().Contain($"shards 1-2/4 are given twice ({first}, {middle})");
    }

    [Fact]
    public async Task RefusesToWriteIntoAFolderBeingMerged()
    {
        var shards = await ShardsAsync(2);

        var merge = () => RunMerger.MergeAsync(shards, shards[0] + Path.DirectorySeparatorChar, Ct);

        (await merge.Should().ThrowAsync<ParleyException>()).Which.Message.Should().Contain("--out").And.Contain("new folder");
    }

    [Fact]
    public async Task HasNothingToDo_WhenAMergedRunIsResumed()
    {
        var shards = await ShardsAsync(2);
        var merged = _temp.Combine("merged");
        await RunMerger.MergeAsync(shards, merged, Ct);
        var before = Compared.Select(f => File.ReadAllBytes(Path.Combine(merged, f))).ToList();
        var progress = new CollectingProgress<GenerationProgress>();

        var manifest = await Generator.RuleBased.RunAsync(GenerationOptions.StoredIn(merged), progress, Ct);

        progress.Reports.Should().BeEmpty();
        manifest.Attempted.Should().Be(Count);
        Compared.Select(f => File.ReadAllBytes(Path.Combine(merged, f))).Should().BeEquivalentTo(before, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task SaysAPartialMergeIsComplete_WhenItIsResumed()
    {
        var shards = await ShardsAsync(3);
        var group = _temp.Combine("group");
        await RunMerger.MergeAsync([shards[0], shards[1]], group, partial: true, Ct);

        var read = () => GenerationOptions.StoredIn(group);
        var resume = () => Generator.RuleBased.RunAsync(Options("group") with { Resume = true }, null, Ct);

        var error = read.Should().Throw<ParleyException>().Which;
        error.Code.Should().Be("invalid_option");
        error.Message.Should().Contain("shards 0-1/3").And.Contain("nothing to resume").And.Contain("merge it with shard(s) 2/3");
        (await resume.Should().ThrowAsync<ParleyException>()).Which.Message.Should().Be(error.Message);
    }

    [Fact]
    public async Task GivesEachShardOnlyItsInterleavedSlice()
    {
        var shards = await ShardsAsync(3);

        var run = new GeneratedRun(shards[1], await Generator.RuleBased.RunAsync(Options("again1", new ShardSpec(1, 3)), null, Ct));

        run.Dialogues.Select(d => d.Metadata.Index).Concat(run.Rejected.Select(r => long.Parse(r.Id.Split('-')[^1], System.Globalization.CultureInfo.InvariantCulture)))
            .Order().Should().Equal(Enumerable.Range(0, Count).Where(i => i % 3 == 1).Select(i => (long)i));
        run.Manifest.Config["shard"].Should().Be("1/3");
    }

    [Fact]
    public async Task RefusesShardsOfDifferentRuns()
    {
        var shards = await ShardsAsync(2);
        var other = Options("other", new ShardSpec(1, 2)) with { Seed = 14 };
        await Generator.RuleBased.RunAsync(other, null, Ct);

        var merge = () => RunMerger.MergeAsync([shards[0], other.Output], _temp.Combine("bad"), Ct);

        (await merge.Should().ThrowAsync<ParleyException>()).Which.Message.Should().Contain("seed is '14'").And.Contain("not one run");
    }

    [Fact]
    public async Task RefusesMissingOrRepeatedShards()
    {
        var shards = await ShardsAsync(3);

        var missing = () => RunMerger.MergeAsync([shards[0], shards[2]], _temp.Combine("missing"), Ct);
        var twice = () => RunMerger.MergeAsync([shards[0], shards[0], shards[1]], _temp.Combine("twice"), Ct);

        (await missing.Should().ThrowAsync<ParleyException>()).Which.Message.Should().Contain("1/3 missing");
        (await twice.Should().ThrowAsync<ParleyException>()).Which.Message.Should().Contain("0/3 is given twice");
    }

    [Fact]
    public async Task RefusesAnUnfinishedShard_SayingHowToFinishIt()
    {
        var shards = await ShardsAsync(2);
        using (var stop = new CancellationTokenSource())
        {
            var run = () => Generator.RuleBased.RunAsync(Options("shard1", new ShardSpec(1, 2)) with { Force = true }, new CallbackProgress<GenerationProgress>(_ => stop.Cancel()), stop.Token);
            await run.Should().ThrowAsync<OperationCanceledException>();
        }

        var merge = () => RunMerger.MergeAsync(shards, _temp.Combine("early"), Ct);

        (await merge.Should().ThrowAsync<ParleyException>()).Which.Message.Should().Contain("unfinished").And.Contain("--resume");
    }

    [Theory]
    [InlineData("duplicated", OutputDirectory.DialoguesFile)]
    [InlineData("edited", OutputDirectory.DialoguesFile)]
    [InlineData("missing", OutputDirectory.DialoguesFile)]
    [InlineData("duplicated", OutputDirectory.TasksFile)]
    [InlineData("missing", OutputDirectory.TasksFile)]
    public async Task RefusesAShardWithAChangedLine_NamingItsFileAndLine(string change, string file)
    {
        var shards = await ShardsAsync(2);
        var path = Path.Combine(shards[1], file);
        var lines = File.ReadAllLines(path).ToList();
        lines.Count.Should().BeGreaterThan(2, file);
        switch (change)
        {
            case "duplicated": lines.Insert(2, lines[1]); break;
            case "edited": lines[1] = lines[1].Replace("\"user\"", "\"User\"", StringComparison.Ordinal); break;
            default: lines.RemoveAt(1); break;
        }
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        var merged = _temp.Combine("merged");

        var merge = () => RunMerger.MergeAsync(shards, merged, Ct);

        var error = (await merge.Should().ThrowAsync<ParleyException>()).Which;
        error.Kind.Should().Be(ParleyErrorKind.InvalidInput);
        error.Message.Should().StartWith($"{path}: line {(change == "duplicated" ? 3 : 2)}: is not the line the run wrote here");
        File.Exists(Path.Combine(merged, OutputDirectory.ManifestFile)).Should().BeFalse("a refused merge writes no manifest");
    }

    [Fact]
    public async Task CountsTheMergedLines_NotTheShardsManifests()
    {
        var shards = await ShardsAsync(2);
        // A shard's manifest that claims more than its files hold does not inflate the merged counts.
        var manifestPath = Path.Combine(shards[0], OutputDirectory.ManifestFile);
        File.WriteAllText(manifestPath, File.ReadAllText(manifestPath).Replace("\"kept\": ", "\"kept\": 1000", StringComparison.Ordinal));
        var merged = _temp.Combine("merged");

        var manifest = await RunMerger.MergeAsync(shards, merged, Ct);

        manifest.Kept.Should().Be(File.ReadAllLines(Path.Combine(merged, OutputDirectory.DialoguesFile)).Length);
        manifest.Rejected.Should().Be(File.ReadAllLines(Path.Combine(merged, OutputDirectory.RejectedFile)).Length);
        manifest.Attempted.Should().Be(Count);
    }

    [Fact]
    public async Task RefusesAnEarlierMerge_WithoutForce()
    {
        var shards = await ShardsAsync(2);
        var merged = _temp.Combine("merged");
        await RunMerger.MergeAsync(shards, merged, Ct);

        var again = () => RunMerger.MergeAsync(shards, merged, Ct);
        var forced = await RunMerger.MergeAsync(shards, merged, partial: false, force: true, Ct);

        (await again.Should().ThrowAsync<ParleyException>()).Which.Kind.Should().Be(ParleyErrorKind.RunFolderConflict);
        forced.Attempted.Should().Be(Count);
    }
}
