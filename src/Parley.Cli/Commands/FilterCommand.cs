using System.CommandLine;
using Parley.Export;
using Spectre.Console;

namespace Parley.Cli.Commands;

/// <summary><c>parley filter RUN --out DIR</c>: keeps the dialogues that meet the criteria and records why the others were dropped.</summary>
internal static class FilterCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("run") { Description = "A run folder (written by parley generate)." };
        var output = new Option<string?>("--out", "-o") { Description = "Folder for dialogues.jsonl (kept) and dropped.jsonl (with reasons); not a run folder." };
        var to = new RenamedOption<string?>(output, "--to");
        var turns = new Option<string?>("--turns") { Description = "Turn range MIN-MAX (either side may be empty)." };
        var calls = new Option<string?>("--tool-calls") { Description = "Tool-call range MIN-MAX." };
        var domains = new Option<string[]>("--domains") { Description = "Domains to keep (each must occur in the run).", AllowMultipleArgumentsPerToken = true };
        var terminations = new Option<string[]>("--termination") { Description = $"Termination reasons to keep: {string.Join(", ", FilterCriteria.TerminationNames)}.", AllowMultipleArgumentsPerToken = true };
        var includeRejected = new Option<bool>("--include-rejected") { Description = "Also consider rejected.jsonl, and do not require a passed verdict." };
        var judge = new Option<string[]>("--min-judge-score") { Description = $"NAME=MIN judge scores to require ({string.Join(", ", Dialogues.JudgeReport.ScoreNames)}; MIN 1-5).", AllowMultipleArgumentsPerToken = true };
        var dedup = new Option<bool>("--dedup") { Description = "Drop near-duplicates (all but the first of each cluster, among the dialogues kept by the other criteria)." };
        var dedupSettings = new DedupOptions();
        var command = new Command("filter", "Keep or drop dialogues by verdict, judge scores, turns, tool calls, domain, termination and near-duplication.")
        {
            run, output, to.Former, turns, calls, domains, terminations, includeRejected, judge, dedup,
        };
        foreach (var option in dedupSettings.All) command.Options.Add(option);
        command.SetAction((parse, cancellationToken) =>
        {
            var target = to.Value(parse) ?? throw ParleyException.InvalidOption("--out", "name the folder to write the kept and dropped dialogues to");
            var filter = new DialogueFilter
            {
                PassedOnly = !parse.GetValue(includeRejected),
                Turns = FilterCriteria.Range(parse.GetValue(turns), "--turns"),
                ToolCalls = FilterCriteria.Range(parse.GetValue(calls), "--tool-calls"),
                Domains = ListValues.Of(parse, domains) ?? [],
                Terminations = FilterCriteria.Terminations(ListValues.Of(parse, terminations) ?? [], "--termination"),
                MinJudgeScores = FilterCriteria.JudgeScores(ListValues.Of(parse, judge) ?? [], "--min-judge-score"),
                Deduplicate = parse.GetValue(dedup) ? dedupSettings.Read(parse) : null,
            };
            var outcome = RunFilter.Write(parse.GetValue(run)!, filter, target, cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"{outcome.Kept} kept, {outcome.Dropped} dropped → {target}");
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }
}
