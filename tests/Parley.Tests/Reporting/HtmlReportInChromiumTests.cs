using Parley.Dialogues;
using Parley.Export;
using Parley.Reporting;
using Parley.Runs;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Reporting;

/// <summary>Opens the report in headless Chromium and uses it as a reader would: charts, filters, a dialogue, no script errors.</summary>
public sealed class HtmlReportInChromiumTests(GeneratedRuns runs) : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task ShowsChartsFiltersAndDialogues_WhenOpenedInChromium()
    {
        // A developer machine may have no browser; .ci/run installs Debian's chromium so this runs in CI.
        Assert.SkipWhen(HeadlessChromium.Executable is null, HeadlessChromium.MissingReason);
        var ct = TestContext.Current.CancellationToken;
        var user = (await runs.AllDomainsAsync(DialogueMode.UserOriented, 48)).Folder;
        var taskKept = RunFolders.Kept((await runs.AllDomainsAsync(DialogueMode.TaskOriented, 24)).Folder);
        // Five dialogues marked rejected, so the verdict filter has both kinds to tell apart.
        var task = RunFolders.Write(_temp.Combine("task"), taskKept.Skip(5), taskKept.Take(5).Select(d => new RejectedDialogue(d.Id, ["end_state: the booking was not cancelled"], d)));
        var userKept = RunFolders.Kept(user);
        var embedded = userKept.Concat(taskKept.Skip(5)).Concat(taskKept.Take(5)).ToList();
        var file = _temp.Combine("report.html");
        await File.WriteAllTextAsync(file, HtmlReport.Render([user, task], cancellationToken: TestContext.Current.CancellationToken).Html, ct);

        await using var chromium = await HeadlessChromium.StartAsync(cancellationToken: ct);
        await chromium.NavigateAsync(new Uri(file).AbsoluteUri, ct);

        var bars = await chromium.EvaluateAsync<int[]>("Array.from(document.querySelectorAll('svg.chart')).map(s => s.querySelectorAll('rect.bar').length)", ct);
        bars.Should().HaveCount(6, "turns, user messages, tool calls, tasks, tokens and domains").And.OnlyContain(n => n > 0);
        (await chromium.EvaluateAsync<bool>("document.getElementById('comparison').hidden", ct)).Should().BeFalse("both modes are present");
        (await Items()).Should().Be(embedded.Count);

        await Choose("filter-domain", "banking");
        (await Items()).Should().Be(embedded.Count(d => d.Metadata.Domain == "banking"));
        await Choose("filter-domain", "");
        await Choose("filter-verdict", "rejected");
        (await Items()).Should().Be(5);
        await Choose("filter-verdict", "");
        var tool = userKept[3].Messages.OfType<AssistantMessage>().SelectMany(m => m.ToolCalls ?? []).First().Function.Name;
        await Choose("filter-tool", tool);
        (await Items()).Should().Be(embedded.Count(d => d.Messages.OfType<AssistantMessage>().Any(m => m.ToolCalls?.Any(c => c.Function.Name == tool) == true)));
        await Choose("filter-tool", "");
        var email = userKept[3].Messages.OfType<UserMessage>().Select(m => m.Content ?? "").SelectMany(t => t.Split(' ')).First(w => w.Contains('@')).TrimEnd('.', ',');
        await chromium.EvaluateAsync<object>($"(() => {{ const s = document.getElementById('search'); s.value = '{email}'; s.dispatchEvent(new Event('input')); }})()", ct);
        (await Items()).Should().BeGreaterThan(0).And.Be(embedded.Count(d => d.Messages.Any(m => (m.Content ?? "").Contains(email, StringComparison.OrdinalIgnoreCase))));

        var shown = userKept[3];
        await Choose("filter-mode", "user-oriented");
        await chromium.EvaluateAsync<object>($"document.querySelector('.dialogue-item[data-id=\"{shown.Id}\"]').click()", ct);
        (await chromium.EvaluateAsync<string>("document.querySelector('#chat-header h3').textContent", ct)).Should().StartWith(shown.Id);
        (await chromium.EvaluateAsync<int>("document.querySelectorAll('#chat .msg').length", ct))
            .Should().Be(shown.Messages.Count(m => m is UserMessage or AssistantMessage), "tool results are folded into their calls");
        (await chromium.EvaluateAsync<int>("document.querySelectorAll('#chat details.tool-call').length", ct)).Should().Be(shown.Metadata.Counts.ToolCalls);
        var firstResult = shown.Messages.OfType<ToolMessage>().First().Content!;
        (await chromium.EvaluateAsync<string>("document.querySelector('#chat details.tool-call pre.result').textContent", ct))
            .Should().Be(System.Text.Json.Nodes.JsonNode.Parse(firstResult)!.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));

        var screenshot = await chromium.ScreenshotAsync(ct);
        screenshot.Take(8).Should().Equal(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A);
        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults");
        Directory.CreateDirectory(folder);
        var png = Path.Combine(folder, "report-screenshot.png");
        await File.WriteAllBytesAsync(png, screenshot, ct);
        TestContext.Current.TestOutputHelper?.WriteLine($"report screenshot: {png}");
        chromium.Errors.Should().BeEmpty();

        Task<int> Items() => chromium.EvaluateAsync<int>("document.querySelectorAll('#dialogue-list .dialogue-item').length", ct);
        Task Choose(string select, string value) => chromium.EvaluateAsync<object>(
            $"(() => {{ const s = document.getElementById('{select}'); s.value = '{value}'; s.dispatchEvent(new Event('change')); }})()", ct);
    }
}
