using Parley.Dialogues;
using Parley.Runs;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Runs;

public sealed class RunReaderTests(GeneratedRuns runs) : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadsKeptAndRejectedInFileOrder_AcrossManyBatches()
    {
        var source = (await runs.RetailAsync()).Dialogues;
        var kept = Enumerable.Range(0, 700).Select(i => source[i % source.Count] with { Id = $"k{i}" }).ToList();
        var rejected = new List<RejectedDialogue>
        {
            new("r0", ["end_state: differs"], source[0] with { Id = "r0" }),
            new("r1", ["design failed"], null),
            new("r2", ["judge: invented a refund"], source[1] with { Id = "r2" }),
        };
        var folder = RunFolders.Write(_temp.Combine("many"), kept, rejected);

        RunReader.Dialogues(folder, DialogueSet.Kept, Ct).Select(d => d.Dialogue.Id).Should().Equal(kept.Select(d => d.Id));
        var read = RunReader.Dialogues(folder, DialogueSet.Rejected, Ct).ToList();
        read.Select(d => (d.Dialogue.Id, d.Kept, d.Reasons[0])).Should().Equal(("r0", false, "end_state: differs"), ("r2", false, "judge: invented a refund"));
    }

    [Fact]
    public async Task RefusesAPartialLastLine_NamingTheFileAndLine_WhenTheRunHasALedger()
    {
        var run = await runs.RetailAsync();
        var folder = _temp.Combine("torn");
        Copy(run.Folder, folder);
        var path = Path.Combine(folder, OutputDirectory.DialoguesFile);
        var lines = File.ReadAllLines(path).Length;
        await File.AppendAllTextAsync(path, "{\"id\":\"dlg-torn\",\"mess", Ct);

        var refused = FluentActions.Invoking(() => RunReader.Dialogues(folder, DialogueSet.Kept, Ct).Count()).Should().Throw<ParleyException>().Which;

        refused.Kind.Should().Be(ParleyErrorKind.InvalidInput);
        refused.Message.Should().StartWith($"{path}: line {lines + 1}: ").And.Contain("unfinished");
    }

    [Fact]
    public async Task RefusesAMalformedLine_NamingTheFileAndLine_WhenTheFolderHasNoLedger()
    {
        var kept = (await runs.RetailAsync()).Dialogues.Take(3).ToList();
        var folder = RunFolders.Write(_temp.Combine("filtered"), kept, []);
        var path = Path.Combine(folder, OutputDirectory.DialoguesFile);
        await File.AppendAllTextAsync(path, "{\"id\":\"dlg-torn\",\"mess", Ct);

        var refused = FluentActions.Invoking(() => RunReader.Dialogues(folder, DialogueSet.Kept, Ct).Count()).Should().Throw<ParleyException>().Which;

        refused.Kind.Should().Be(ParleyErrorKind.InvalidInput);
        refused.Message.Should().StartWith($"{path}: line 4: ");
    }

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
