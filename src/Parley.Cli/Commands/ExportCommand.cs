using System.CommandLine;
using System.Text;
using Parley.Export;
using Parley.Reporting;
using Parley.Runs;
using Parley.Serialization;
using Spectre.Console;

namespace Parley.Cli.Commands;

/// <summary><c>parley export &lt;out&gt; --format openai|sharegpt|hermes|parquet</c>: converts a run's kept dialogues for a trainer.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("out") { Description = "A run folder (written by parley generate)." };
        var format = new Option<string>("--format", "-f") { Description = "openai, sharegpt, hermes (JSONL) or parquet (a Hugging Face dataset folder).", Required = true };
        format.AcceptOnlyFromAmong("openai", "sharegpt", "hermes", "parquet");
        var to = new Option<string?>("--to") { Description = "Output file (default: <out>/export-<format>.jsonl); for parquet, a folder (default: <out>/export-parquet)." };
        var reasoning = new Option<bool>("--include-reasoning") { Description = "Keep the assistant's reasoning (reasoning_content, or <think> blocks)." };
        var perTurn = new Option<bool>("--per-turn") { Description = "One sample per assistant message (the conversation up to it)." };
        var validation = new Option<double>("--validation-fraction") { Description = "Share of environments held out to <file>.validation.jsonl, or data/validation.parquet (no environment on both sides).", DefaultValueFactory = _ => 0 };
        var dedup = new Option<bool>("--dedup") { Description = "Leave out near-duplicates (all but the first of each cluster)." };
        var dedupSettings = new DedupOptions("dedup-");
        var exclude = new Option<string[]>("--exclude-tasks") { Description = "Evaluation folders (parley eval --out) whose held-out tasks are left out: by task id or by content (environment and expected actions).", AllowMultipleArgumentsPerToken = true };
        var command = new Command("export", "Export kept dialogues to a training format.") { folder, format, to, reasoning, perTurn, validation, dedup, exclude };
        foreach (var option in dedupSettings.All) command.Options.Add(option);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var dir = parse.GetValue(folder)!;
            var name = parse.GetValue(format)!;
            var fraction = parse.GetValue(validation);
            if (fraction is < 0 or >= 1) throw ParleyException.InvalidOption("--validation-fraction", "must be in [0, 1)");
            var evaluations = parse.GetValue(exclude) ?? [];
            var excluded = evaluations.Select(e => Evaluation.HeldOutTasks.Load(e).DialoguesUsing(dir, cancellationToken)).ToList();
            var selection = ExportSelection.Of(dir, excluded, parse.GetValue(dedup) ? dedupSettings.Read(parse) : null, fraction, cancellationToken);
            for (var e = 0; e < evaluations.Length; e++)
            {
                AnsiConsole.MarkupLineInterpolated($"{selection.Excluded[e]} dialogues left out: they use tasks held out by {evaluations[e]}");
            }
            if (parse.GetValue(dedup)) AnsiConsole.MarkupLineInterpolated($"{selection.NearDuplicates} near-duplicates left out");
            if (name == "parquet")
            {
                var target = parse.GetValue(to) ?? Path.Combine(dir, "export-parquet");
                var splits = await HuggingFaceDataset.WriteAsync(target, selection.Train(cancellationToken), selection.Validation(cancellationToken),
                    OutputDirectory.ReadManifest(dir), parse.GetValue(reasoning), parse.GetValue(perTurn), cancellationToken);
                foreach (var s in splits) AnsiConsole.MarkupLineInterpolated($"{s.Samples} samples from {s.Dialogues} dialogues → {Path.Combine(target, s.Path)} (parquet)");
                AnsiConsole.MarkupLineInterpolated($"dataset card → {Path.Combine(target, HuggingFaceDataset.CardFile)}");
                return ExitCodes.Ok;
            }
            var kind = name switch { "openai" => ExportFormat.OpenAi, "sharegpt" => ExportFormat.ShareGpt, _ => ExportFormat.Hermes };
            var file = parse.GetValue(to) ?? Path.Combine(dir, $"export-{name}.jsonl");
            Write(file, selection.Train(cancellationToken), selection.TrainDialogues);
            if (selection.ValidationDialogues > 0) Write(Path.ChangeExtension(file, null) + ".validation.jsonl", selection.Validation(cancellationToken), selection.ValidationDialogues);
            return ExitCodes.Ok;

            void Write(string path, IEnumerable<Dialogues.Dialogue> dialogues, int dialogueCount)
            {
                var count = 0;
                AtomicFile.Write(path, stream =>
                {
                    using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
                    count = DatasetExporter.Write(dialogues, kind, writer, parse.GetValue(reasoning), parse.GetValue(perTurn));
                });
                AnsiConsole.MarkupLineInterpolated($"{count} samples from {dialogueCount} dialogues → {path} ({name})");
            }
        });
        return command;
    }
}
