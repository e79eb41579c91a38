using System.Text.Json.Nodes;
using Parley.Environments;
using Parley.Export;
using Parley.Generation;
using Parley.Runs;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Runs;

public sealed class RunValidatorTests(GeneratedRuns runs) : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly TempDirectory _temp = new();
    private readonly RunValidator _validator = new(DomainCatalog.BuiltIn);

    private async Task<string> CopyOfRunAsync()
    {
        var run = await runs.RetailAsync();
        foreach (var file in Directory.GetFiles(run.Folder, "*", SearchOption.AllDirectories))
        {
            var target = _temp.Combine(Path.GetRelativePath(run.Folder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return _temp.Path;
    }

    private Task<List<RunValidator.Finding>> ValidateAsync(string folder) => _validator.ValidateAsync(folder, Ct).ToListAsync(Ct).AsTask();

    // Edits the first kept dialogue and drops the run's ledger, so the folder is validated by content alone (as a folder
    // written by parley filter is); with the ledger, the edited line itself is refused.
    private static void EditFirstDialogue(string folder, Action<JsonArray> edit, bool keepLedger = false)
    {
        var path = Path.Combine(folder, OutputDirectory.DialoguesFile);
        var lines = File.ReadAllLines(path);
        var first = JsonNode.Parse(lines[0])!;
        edit(first["messages"]!.AsArray());
        lines[0] = first.ToJsonString();
        File.WriteAllLines(path, lines);
        if (!keepLedger) File.Delete(RunLedger.PathOf(folder));
    }

    private static void EditLines(string folder, string file, Func<List<string>, List<string>> edit)
    {
        var path = Path.Combine(folder, file);
        File.WriteAllLines(path, edit([.. File.ReadAllLines(path)]));
    }

    [Fact]
    public async Task PassesEveryDialogue_WhenTheRunIsUntouched()
    {
        var findings = await ValidateAsync(await CopyOfRunAsync());

        findings.Should().NotBeEmpty().And.OnlyContain(f => f.Failures.Count == 0);
    }

    [Fact]
    public async Task ReportsReplayMismatch_WhenARecordedToolResultWasChanged()
    {
        var folder = await CopyOfRunAsync();
        EditFirstDialogue(folder, messages =>
        {
            var tool = messages.First(m => m!["role"]!.GetValue<string>() == "tool")!;
            tool["content"] = "{\"forged\":true}";
        });

        var findings = await ValidateAsync(folder);

        findings[0].Failures.Should().ContainSingle(f => f.StartsWith("replay:", StringComparison.Ordinal));
        findings.Skip(1).Should().OnlyContain(f => f.Failures.Count == 0);
    }

    [Fact]
    public async Task ReportsStructureAndEndState_WhenAToolCallAndItsResultWereRemoved()
    {
        var folder = await CopyOfRunAsync();
        EditFirstDialogue(folder, messages =>
        {
            // Drop the last write call with its answer: the structure stays valid, the end state does not.
            var last = messages.Select((m, i) => (m, i)).Last(x => x.m!["tool_calls"] is JsonArray calls
                && calls.Any(c => c!["function"]!["name"]!.GetValue<string>() is var n && (n.StartsWith("cancel", StringComparison.Ordinal)
                    || n.StartsWith("update", StringComparison.Ordinal) || n.StartsWith("request", StringComparison.Ordinal) || n.StartsWith("place", StringComparison.Ordinal)))).i;
            messages.RemoveAt(last + 1);
            messages.RemoveAt(last);
        });

        var findings = await ValidateAsync(folder);

        // Without the write the state differs: a later read of it replays differently, or else the end state does not match.
        findings[0].Failures.Should().Contain(f => f.StartsWith("end_state:", StringComparison.Ordinal) || f.StartsWith("replay:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ThrowsNotFound_WhenTheFolderHasNoDialogues()
    {
        var act = () => ValidateAsync(_temp.Combine("missing"));

        (await act.Should().ThrowAsync<ParleyException>()).Which.Code.Should().Be("not_found");
    }

    [Fact]
    public async Task RefusesTheEditedLine_WhenARunsDialogueWasChangedAfterTheRun()
    {
        var folder = await CopyOfRunAsync();
        EditFirstDialogue(folder, messages => messages[0]!["content"] = "forged", keepLedger: true);

        var act = () => ValidateAsync(folder);

        var error = (await act.Should().ThrowAsync<ParleyException>()).Which;
        error.Kind.Should().Be(ParleyErrorKind.InvalidInput);
        error.Message.Should().StartWith(Path.Combine(folder, OutputDirectory.DialoguesFile) + ": line 1: ").And.Contain("edited");
    }

    [Theory]
    [InlineData("duplicated", 3)]
    [InlineData("swapped", 2)]
    [InlineData("removed", 2)]
    [InlineData("added", 31)]
    public async Task RefusesWithTheLineNumber_WhenTasksLinesWereChanged(string change, int line)
    {
        var folder = await CopyOfRunAsync();
        var count = File.ReadAllLines(Path.Combine(folder, OutputDirectory.TasksFile)).Length;
        EditLines(folder, OutputDirectory.TasksFile, lines =>
        {
            switch (change)
            {
                case "duplicated": lines.Insert(2, lines[1]); break;
                case "swapped": (lines[1], lines[2]) = (lines[2], lines[1]); break;
                case "removed": lines.RemoveAt(1); break;
                default: lines.Add(lines[0]); break;
            }
            return lines;
        });

        var act = () => ValidateAsync(folder);

        var expected = change == "added" ? count + 1 : line;
        (await act.Should().ThrowAsync<ParleyException>()).Which.Message.Should().StartWith($"{Path.Combine(folder, OutputDirectory.TasksFile)}: line {expected}: ");
    }

    public void Dispose() => _temp.Dispose();
}
