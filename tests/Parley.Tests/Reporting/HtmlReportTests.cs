using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Parley.Dialogues;
using Parley.Export;
using Parley.Reporting;
using Parley.Runs;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Reporting;

public sealed partial class HtmlReportTests(GeneratedRuns runs) : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private async Task<string> RetailAsync() => (await runs.RetailAsync()).Folder;

    private static JsonObject DataOf(string html)
    {
        var match = DataBlock().Match(html);
        match.Success.Should().BeTrue("the data is embedded in one JSON script block");
        return JsonNode.Parse(match.Groups[1].Value)!.AsObject();
    }

    [Fact]
    public async Task LoadsNothingFromTheNetwork_WhenRendered()
    {
        var html = HtmlReport.Render([await RetailAsync()], cancellationToken: TestContext.Current.CancellationToken).Html;

        Regex.IsMatch(html, "(src|href)\\s*=\\s*[\"']?(https?:)?//").Should().BeFalse("nothing is linked from elsewhere");
        html.Contains("@import", StringComparison.Ordinal).Should().BeFalse();
        html.Contains("url(", StringComparison.Ordinal).Should().BeFalse();
        Regex.Matches(html, "<script").Count.Should().Be(2, "one data block and one inline script, nothing external");
        Regex.Matches(html, "<style>").Count.Should().Be(1);
    }

    [Fact]
    public async Task EmbedsEveryDialogueWithTheRunsNumbers_WhenUnderTheCap()
    {
        var run = await RetailAsync();
        var kept = RunFolders.Kept(run);

        var data = DataOf(HtmlReport.Render([run], cancellationToken: TestContext.Current.CancellationToken).Html);

        data["dialogues"]!.AsArray().Select(d => (string)d!["id"]!).Should().Equal(kept.Select(d => d.Id));
        data["dialogues_total"]!.GetValue<int>().Should().Be(kept.Count);
        var all = data["groups"]!.AsArray().Single(g => (string)g!["domain"]! == "all")!;
        all["turns"]!["mean"]!.GetValue<double>().Should().Be(Math.Round(kept.Average(d => d.Metadata.Counts.Turns), 2));
        data["distributions"]!.AsArray().Select(d => (string)d!["name"]!).Should().Contain(["turns", "user_messages", "tool_calls", "tasks", "domains"]);
        var turns = data["distributions"]!.AsArray().Single(d => (string)d!["name"]! == "turns")!;
        turns["series"]![0]!["counts"]!.AsArray().Sum(c => c!.GetValue<int>()).Should().Be(kept.Count);
    }

    [Fact]
    public async Task TakesDialoguesInTurnFromEachRunAndVerdict_WhenCapped()
    {
        var kept = RunFolders.Kept(await RetailAsync());
        var split = RunFolders.Write(_temp.Combine("split"), kept.Skip(10), kept.Take(10).Select(d => new RejectedDialogue(d.Id, ["judge: invented a refund"], d)));

        var data = DataOf(HtmlReport.Render([split], maxDialogues: 6, cancellationToken: TestContext.Current.CancellationToken).Html);

        var dialogues = data["dialogues"]!.AsArray();
        dialogues.Select(d => (string)d!["verdict"]!).Should().Equal("kept", "rejected", "kept", "rejected", "kept", "rejected");
        dialogues.Where(d => (string)d!["verdict"]! == "rejected").Should().OnlyContain(d => (string)d!["reasons"]![0]! == "judge: invented a refund");
        data["dialogues_total"]!.GetValue<int>().Should().Be(kept.Count);
    }

    [Fact]
    public async Task EmbedsTheSameFirstDialoguesOnly_WhenTheRunIsFarLargerThanTheCap()
    {
        var source = RunFolders.Kept(await RetailAsync());
        var large = RunFolders.Write(_temp.Combine("large"), Enumerable.Range(0, 900).Select(i => source[i % source.Count] with { Id = $"k{i}" }),
            Enumerable.Range(0, 300).Select(i => new RejectedDialogue($"r{i}", ["end_state: differs"], source[i % source.Count] with { Id = $"r{i}" })));

        var first = HtmlReport.Render([large], maxDialogues: 5, cancellationToken: TestContext.Current.CancellationToken);
        var second = HtmlReport.Render([large], maxDialogues: 5, cancellationToken: TestContext.Current.CancellationToken);

        first.Html.Should().Be(second.Html);
        first.Dialogues.Should().Be(1200);
        var data = DataOf(first.Html);
        data["dialogues"]!.AsArray().Select(d => (string)d!["id"]!).Should().Equal("k0", "r0", "k1", "r1", "k2");
        data["dialogues_total"]!.GetValue<int>().Should().Be(1200);
    }

    [Fact]
    public async Task CannotBeBrokenOutOfItsScriptBlock_WhenAMessageHoldsMarkup()
    {
        var dialogue = RunFolders.Kept(await RetailAsync())[0];
        var hostile = dialogue with { Messages = [.. dialogue.Messages, new UserMessage { Content = "</script><script>alert(1)</script> & <!--" }] };

        var html = HtmlReport.Render([RunFolders.Write(_temp.Combine("hostile"), [hostile], [])], cancellationToken: TestContext.Current.CancellationToken).Html;

        html.Should().NotContain("alert(1)</script>");
        var messages = DataOf(html)["dialogues"]![0]!["messages"]!.AsArray();
        ((string)messages[^1]!["content"]!).Should().Be("</script><script>alert(1)</script> & <!--");
    }

    [GeneratedRegex("<script type=\"application/json\" id=\"parley-data\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex DataBlock();
}
