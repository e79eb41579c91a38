using System.Text;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Parley.Dialogues;
using Parley.Export;
using Parley.Runs;
using Parley.Serialization;
using Spectre.Console;

namespace Parley.Cli.Commands;

/// <summary><c>parley filter &lt;out&gt; --to DIR</c>: keeps the dialogues that meet the criteria and records why the others were dropped.</summary>
internal static class FilterCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("out") { Description = "A run folder (written by parley generate)." };
        var to = new Option<string>("--to") { Description = "Folder for dialogues.jsonl (kept) and dropped.jsonl (with reasons).", Required = true };
        var turns = new Option<string?>("--turns") { Description = "Turn range MIN-MAX (either side may be empty)." };
        var calls = new Option<string?>("--tool-calls") { Description = "Tool-call range MIN-MAX." };
        var domains = new Option<string[]>("--domains") { Description = "Domains to keep.", AllowMultipleArgumentsPerToken = true };
        var terminations = new Option<string[]>("--termination") { Description = "Termination reasons to keep (e.g. user_ended).", AllowMultipleArgumentsPerToken = true };
        var includeRejected = new Option<bool>("--include-rejected") { Description = "Also consider rejected.jsonl, and do not require a passed verdict." };
        var judge = new Option<string[]>("--min-judge-score") { Description = "NAME=MIN judge scores to require (user_naturalness, user_rule_adherence, agent_helpfulness; 1-5).", AllowMultipleArgumentsPerToken = true };
        var dedup = new Option<bool>("--dedup") { Description = "Drop near-duplicates (all but the first of each cluster, among the dialogues kept by the other criteria)." };
        var dedupSettings = new DedupOptions("dedup-");
        var command = new Command("filter", "Keep or drop dialogues by verdict, judge scores, turns, tool calls, domain, termination and near-duplication.") { folder, to, turns, calls, domains, terminations, includeRejected, judge, dedup };
        foreach (var option in dedupSettings.All) command.Options.Add(option);
        command.SetAction((parse, cancellationToken) =>
        {
            var dir = parse.GetValue(folder)!;
            var withRejected = parse.GetValue(includeRejected);
            var filter = new DialogueFilter
            {
                PassedOnly = !withRejected,
                Turns = Range(parse.GetValue(turns), "--turns"),
                ToolCalls = Range(parse.GetValue(calls), "--tool-calls"),
                Domains = Split(parse.GetValue(domains)),
                Terminations = [.. Split(parse.GetValue(terminations)).Select(Termination)],
                MinJudgeScores = JudgeScores(Split(parse.GetValue(judge))),
                Deduplicate = parse.GetValue(dedup) ? dedupSettings.Read(parse) : null,
            };
            var target = parse.GetValue(to)!;
            var results = filter.Apply(dir, withRejected, cancellationToken);
            Directory.CreateDirectory(target);
            var (kept, dropped) = (0, 0);
            AtomicFile.Write(Path.Combine(target, OutputDirectory.DialoguesFile), keptFile => AtomicFile.Write(Path.Combine(target, "dropped.jsonl"), droppedFile =>
            {
                using var keptLines = new StreamWriter(keptFile, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
                using var droppedLines = new StreamWriter(droppedFile, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
                foreach (var (dialogue, reasons) in results)
                {
                    if (reasons.Count == 0)
                    {
                        keptLines.WriteLine(JsonSerializer.Serialize(dialogue, DialogueJsonContext.Relaxed.Dialogue));
                        kept++;
                    }
                    else
                    {
                        droppedLines.WriteLine(JsonSerializer.Serialize(new RejectedDialogue(dialogue.Id, reasons, dialogue), RunJsonContext.Relaxed.RejectedDialogue));
                        dropped++;
                    }
                }
            }));
            AnsiConsole.MarkupLineInterpolated($"{kept} kept, {dropped} dropped → {target}");
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    private static TerminationReason Termination(string name)
    {
        try
        {
            return JsonSerializer.Deserialize($"\"{name}\"", DialogueJsonContext.Default.TerminationReason);
        }
        catch (JsonException)
        {
            throw ParleyException.InvalidOption("--termination", $"'{name}' is not one of user_ended, premature_end, max_turns, agent_stuck, llm_error, tool_server_lost, in_progress");
        }
    }

    private static IReadOnlyList<string> Split(string[]? values) =>
        [.. (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    private static (int, int) Range(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text)) return (0, int.MaxValue);
        var parts = text.Split('-');
        if (parts.Length != 2) throw ParleyException.InvalidOption(option, $"'{text}' is not MIN-MAX");
        static int Bound(string s, int empty) => s.Length == 0 ? empty : int.Parse(s, CultureInfo.InvariantCulture);
        try
        {
            return (Bound(parts[0].Trim(), 0), Bound(parts[1].Trim(), int.MaxValue));
        }
        catch (FormatException)
        {
            throw ParleyException.InvalidOption(option, $"'{text}' is not MIN-MAX");
        }
    }

    private static Dictionary<string, int> JudgeScores(IEnumerable<string> values) => values.ToDictionary(
        v => v.Split('=')[0].Trim(),
        v => v.Split('=') is [_, var n] && int.TryParse(n, CultureInfo.InvariantCulture, out var min) && min is >= 1 and <= 5
            ? min
            : throw ParleyException.InvalidOption("--min-judge-score", $"'{v}' is not NAME=MIN with MIN in 1-5"));
}
