using System.CommandLine;
using Parley.Evaluation;
using Parley.Export;
using Spectre.Console;

namespace Parley.Cli.Commands;

/// <summary><c>parley export RUN --format openai|sharegpt|hermes|parquet</c>: converts a run's kept dialogues for a trainer.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("run") { Description = "A run folder (written by parley generate)." };
        var format = new Option<string>("--format", "-f") { Description = "openai, sharegpt, hermes (JSONL) or parquet (a Hugging Face dataset folder).", Required = true }.OneOf(ExportRequest.Formats);
        var output = new Option<string?>("--out", "-o") { Description = "Output file (default: RUN/export-<format>.jsonl); for parquet, a folder (default: RUN/export-parquet)." };
        var to = new RenamedOption<string?>(output, "--to");
        var reasoning = new Option<bool>("--include-reasoning") { Description = "Keep the assistant's reasoning (reasoning_content, or <think> blocks)." };
        var perTurn = new Option<bool>("--per-turn") { Description = "One sample per assistant message (the conversation up to it)." };
        var split = new Option<bool>("--split-parallel-calls") { Description = "One tool call per assistant message: parallel calls become call → result pairs in order (for Llama 3.1's template)." };
        var validation = new Option<double>("--validation-fraction") { Description = "Share of environments, in [0, 1), held out to <file>.validation.jsonl, or data/validation.parquet (no environment on both sides).", DefaultValueFactory = _ => 0 };
        var dedup = new Option<bool>("--dedup") { Description = "Leave out near-duplicates (all but the first of each cluster)." };
        var dedupSettings = new DedupOptions();
        var exclude = new Option<string[]>("--exclude-tasks") { Description = "Evaluation folders (parley eval --out) whose held-out tasks are left out: by task id or by content (environment and expected actions).", AllowMultipleArgumentsPerToken = true };
        var command = new Command("export", "Export kept dialogues to a training format.") { run, format, output, to.Former, reasoning, perTurn, split, validation, dedup, exclude };
        foreach (var option in dedupSettings.All) command.Options.Add(option);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = parse.GetValue(run)!;
            var request = new ExportRequest
            {
                Format = parse.GetValue(format)!,
                Out = to.Value(parse),
                IncludeReasoning = parse.GetValue(reasoning),
                PerTurn = parse.GetValue(perTurn),
                SplitParallelCalls = parse.GetValue(split),
                ValidationFraction = parse.GetValue(validation),
                Deduplicate = parse.GetValue(dedup) ? dedupSettings.Read(parse) : null,
                Exclusions = [.. (parse.GetValue(exclude) ?? []).Select(evaluation => new DialogueExclusion(evaluation, HeldOutTasks.Load(evaluation).UsedIn(folder, cancellationToken)))],
            };
            var outcome = await RunExport.WriteAsync(folder, request, cancellationToken);
            foreach (var (source, n) in outcome.Excluded) AnsiConsole.MarkupLineInterpolated($"{n} dialogues left out: they use tasks held out by {source}");
            if (request.Deduplicate is not null) AnsiConsole.MarkupLineInterpolated($"{outcome.NearDuplicates} near-duplicates left out");
            foreach (var file in outcome.Files) AnsiConsole.MarkupLineInterpolated($"{file.Samples} samples from {file.Dialogues} dialogues → {file.Path} ({request.Format})");
            if (outcome.Card is { } card) AnsiConsole.MarkupLineInterpolated($"dataset card → {card}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
