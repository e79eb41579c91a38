using Parley.Export;
using Parley.Generation;
using Parley.Runs;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Export;

public sealed class RunExportTests(GeneratedRuns runs) : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task WritesTheDefaultFileInTheRun_WhenNoOutIsGiven()
    {
        var run = await GeneratedRuns.RunAsync(new GenerationOptions { Output = _temp.Combine("run"), Count = 6, Domains = ["retail"] }, TestContext.Current.CancellationToken);

        var outcome = await RunExport.WriteAsync(run.Folder, new ExportRequest { Format = "sharegpt" }, TestContext.Current.CancellationToken);

        var file = outcome.Files.Should().ContainSingle().Subject;
        file.Path.Should().Be(run.PathOf("export-sharegpt.jsonl"));
        (file.Samples, file.Dialogues).Should().Be((run.Manifest.Kept, run.Manifest.Kept));
        File.ReadAllLines(file.Path).Should().HaveCount(run.Manifest.Kept);
        outcome.Card.Should().BeNull();
    }

    [Fact]
    public async Task LeavesOutWhatEachExclusionSays_AndCountsItBySource()
    {
        var run = await runs.RetailAsync();
        var target = _temp.Combine("out.jsonl");
        var first = run.Dialogues[0].Id;
        var request = new ExportRequest { Format = "openai", Out = target, Exclusions = [new DialogueExclusion("eval-a", d => d.Id == first), new DialogueExclusion("eval-b", _ => false)] };

        var outcome = await RunExport.WriteAsync(run.Folder, request, TestContext.Current.CancellationToken);

        outcome.Excluded.Should().Equal(("eval-a", 1), ("eval-b", 0));
        File.ReadAllLines(target).Should().HaveCount(run.Dialogues.Count - 1);
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("hermes")]
    [InlineData("parquet")]
    public async Task WritesOneCallPerAssistantMessage_WhenSplittingParallelCalls(string format)
    {
        var run = await runs.AllDomainsAsync(Parley.Dialogues.DialogueMode.TaskOriented, 24);
        var kept = run.Dialogues;
        kept.Should().Contain(d => d.Messages.OfType<Parley.Dialogues.AssistantMessage>().Any(a => a.ToolCalls != null && a.ToolCalls.Count > 1), "the run has parallel calls to split");
        var target = _temp.Combine(format == "parquet" ? "split" : "split.jsonl");

        var outcome = await RunExport.WriteAsync(run.Folder, new ExportRequest { Format = format, Out = target, SplitParallelCalls = true }, TestContext.Current.CancellationToken);

        outcome.Files.Sum(f => f.Dialogues).Should().Be(kept.Count);
        if (format == "parquet")
        {
            File.ReadAllText(Path.Combine(target, HuggingFaceDataset.CardFile)).Should().Contain("Parallel tool calls were split (`--split-parallel-calls`)");
            return;
        }
        var text = File.ReadAllText(target);
        var calls = kept.Sum(d => d.Messages.OfType<Parley.Dialogues.AssistantMessage>().Sum(a => a.ToolCalls?.Count ?? 0));
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => System.Text.Json.Nodes.JsonNode.Parse(l)!).ToList();
        if (format == "openai")
        {
            var messages = lines.SelectMany(l => l["messages"]!.AsArray()).ToList();
            messages.Should().NotContain(m => m!["tool_calls"] != null && m["tool_calls"]!.AsArray().Count > 1);
            messages.Sum(m => m!["tool_calls"]?.AsArray().Count ?? 0).Should().Be(calls);
        }
        else
        {
            var turns = lines.SelectMany(l => l["conversations"]!.AsArray()).Where(t => (string)t!["from"]! == "gpt").Select(t => t!["value"]!.GetValue<string>()).ToList();
            turns.Should().NotContain(t => t.Split("<tool_call>").Length > 2);
            turns.Sum(t => t.Split("<tool_call>").Length - 1).Should().Be(calls);
        }
    }

    [Theory]
    [InlineData("csv", 0.0, "--format: 'csv' is not one of openai, sharegpt, hermes, parquet")]
    [InlineData("openai", 1.0, "--validation-fraction: 1 is not in [0, 1)")]
    [InlineData("openai", -0.5, "--validation-fraction: -0.5 is not in [0, 1)")]
    public async Task RefusesARequest_NamingTheOptionAndWhatItTakes(string format, double fraction, string message)
    {
        var run = await runs.RetailAsync();
        var request = new ExportRequest { Format = format, ValidationFraction = fraction, Out = _temp.Combine("x.jsonl") };

        var refused = (await FluentActions.Awaiting(() => RunExport.WriteAsync(run.Folder, request, TestContext.Current.CancellationToken)).Should().ThrowAsync<ParleyException>()).Which;

        refused.Kind.Should().Be(ParleyErrorKind.Usage);
        refused.Message.Should().Be(message);
        File.Exists(request.Out).Should().BeFalse();
    }

    [Fact]
    public async Task RefusesToWriteIntoARun_WhileAnotherCommandHoldsItsLock()
    {
        var run = await GeneratedRuns.RunAsync(new GenerationOptions { Output = _temp.Combine("run"), Count = 4, Domains = ["retail"] }, TestContext.Current.CancellationToken);

        using (RunFolderLock.Acquire(run.Folder))
        {
            (await FluentActions.Awaiting(() => RunExport.WriteAsync(run.Folder, new ExportRequest { Format = "hermes" }, TestContext.Current.CancellationToken))
                .Should().ThrowAsync<ParleyException>()).Which.Kind.Should().Be(ParleyErrorKind.RunFolderConflict);
        }
        File.Exists(run.PathOf("export-hermes.jsonl")).Should().BeFalse();
    }

    [Theory]
    [InlineData("openai", false)]
    [InlineData("sharegpt", true)]
    [InlineData("hermes", true)]
    public async Task WritesWhatAnExportOfTheWholeRunInMemoryWrites_WhenExcludingDeduplicatingAndSplitting(string format, bool perTurn)
    {
        var run = await runs.AllDomainsAsync(count: 60);
        var dialogues = run.Dialogues;
        var first = dialogues[3].Id;
        var dedup = new Parley.Quality.DeduplicationOptions { By = Parley.Quality.DuplicateSignal.Tools, Threshold = 0.6 };
        var request = new ExportRequest { Format = format, Out = _temp.Combine($"{format}.jsonl"), PerTurn = perTurn, ValidationFraction = 0.3, Deduplicate = dedup, Exclusions = [new DialogueExclusion("eval", d => d.Id == first)] };

        var outcome = await RunExport.WriteAsync(run.Folder, request, TestContext.Current.CancellationToken);

        var chosen = new DialogueFilter { PassedOnly = false, Deduplicate = dedup }.Apply([.. dialogues.Where(d => d.Id != first)]);
        var left = chosen.Where(x => x.Reasons.Count == 0).Select(x => x.Dialogue).ToList();
        var validation = DatasetExporter.ValidationEnvironments(left.Select(d => d.Metadata.EnvironmentId), 0.3);
        outcome.NearDuplicates.Should().Be(chosen.Count(x => x.Reasons.Count > 0)).And.BePositive("the fixture has near-duplicates by tools");
        File.ReadAllText(request.Out).Should().Be(Expected(left.Where(d => !validation.Contains(d.Metadata.EnvironmentId))));
        File.ReadAllText(Path.ChangeExtension(request.Out, null) + ".validation.jsonl").Should().Be(Expected(left.Where(d => validation.Contains(d.Metadata.EnvironmentId))));
        outcome.Files.Select(f => f.Dialogues).Should().Equal(left.Count(d => !validation.Contains(d.Metadata.EnvironmentId)), left.Count(d => validation.Contains(d.Metadata.EnvironmentId)));

        string Expected(IEnumerable<Parley.Dialogues.Dialogue> split)
        {
            using var text = new StringWriter();
            DatasetExporter.Write(split, ExportRequest.JsonlFormats[format], text, perTurn: perTurn);
            return text.ToString();
        }
    }
}
