using System.Text.Json.Nodes;
using Parley.Environments;
using Parley.Export;
using Parley.Generation;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Generation;

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

    private static void EditFirstDialogue(string folder, Action<JsonArray> edit)
    {
        var path = Path.Combine(folder, OutputDirectory.DialoguesFile);
        var lines = File.ReadAllLines(path);
        var first = JsonNode.Parse(lines[0])!;
        edit(first["messages"]!.AsArray());
        lines[0] = first.ToJsonString();
        File.WriteAllLines(path, lines);
    }

    [Fact]
    public async Task PassesEveryDialogue_WhenTheRunIsUntouched()
    {
        var findings = await _validator.ValidateAsync(await CopyOfRunAsync(), Ct);

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

        var findings = await _validator.ValidateAsync(folder, Ct);

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

        var findings = await _validator.ValidateAsync(folder, Ct);

        // Without the write the state differs: a later read of it replays differently, or else the end state does not match.
        findings[0].Failures.Should().Contain(f => f.StartsWith("end_state:", StringComparison.Ordinal) || f.StartsWith("replay:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ThrowsNotFound_WhenTheFolderHasNoDialogues()
    {
        var act = () => _validator.ValidateAsync(_temp.Combine("missing"), Ct);

        (await act.Should().ThrowAsync<ParleyException>()).Which.Code.Should().Be("not_found");
    }

    public void Dispose() => _temp.Dispose();
}
