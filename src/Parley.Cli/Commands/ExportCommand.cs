using System.CommandLine;
using System.Text;
using Parley.Export;
using Parley.Serialization;
using Spectre.Console;

namespace Parley.Cli.Commands;

/// <summary><c>parley export &lt;out&gt; --format openai|sharegpt|hermes</c>: converts a run's kept dialogues for a trainer.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("out") { Description = "A run folder (written by parley generate)." };
        var format = new Option<string>("--format", "-f") { Description = "openai, sharegpt or hermes.", Required = true };
        format.AcceptOnlyFromAmong("openai", "sharegpt", "hermes");
        var to = new Option<string?>("--to") { Description = "Output file (default: <out>/export-<format>.jsonl)." };
        var reasoning = new Option<bool>("--include-reasoning") { Description = "Keep the assistant's reasoning (reasoning_content, or <think> blocks)." };
        var perTurn = new Option<bool>("--per-turn") { Description = "One sample per assistant message (the conversation up to it)." };
        var validation = new Option<double>("--validation-fraction") { Description = "Share of environments held out to <file>.validation.jsonl (no environment on both sides).", DefaultValueFactory = _ => 0 };
        var dedup = new Option<bool>("--dedup") { Description = "Leave out near-duplicates (all but the first of each cluster)." };
        var dedupSettings = new DedupOptions("dedup-");
        var command = new Command("export", "Export kept dialogues to a training format.") { folder, format, to, reasoning, perTurn, validation, dedup };
        foreach (var option in dedupSettings.All) command.Options.Add(option);
        command.SetAction((parse, _) => CommandRunner.RunAsync(() =>
        {
            var dir = parse.GetValue(folder)!;
            var source = OutputDirectory.DialoguesOf(dir);
            var name = parse.GetValue(format)!;
            var kind = name switch { "openai" => ExportFormat.OpenAi, "sharegpt" => ExportFormat.ShareGpt, _ => ExportFormat.Hermes };
            var fraction = parse.GetValue(validation);
            if (fraction is < 0 or >= 1) throw ParleyException.InvalidOption("--validation-fraction", "must be in [0, 1)");
            var target = parse.GetValue(to) ?? Path.Combine(dir, $"export-{name}.jsonl");
            IReadOnlyList<Dialogues.Dialogue> dialogues = JsonlFile.Read(source, ParleyJsonContext.Default.Dialogue);
            if (parse.GetValue(dedup))
            {
                var filter = new DialogueFilter { PassedOnly = false, Deduplicate = dedupSettings.Read(parse) };
                var all = dialogues.Count;
                dialogues = [.. filter.Apply(dialogues).Where(x => x.Reasons.Count == 0).Select(x => x.Dialogue)];
                AnsiConsole.MarkupLineInterpolated($"{all - dialogues.Count} near-duplicates left out");
            }
            var (train, held) = DatasetExporter.SplitByEnvironment(dialogues, fraction);
            Write(target, train);
            if (held.Count > 0) Write(Path.ChangeExtension(target, null) + ".validation.jsonl", held);
            return Task.FromResult(ExitCodes.Ok);

            void Write(string file, IReadOnlyList<Dialogues.Dialogue> dialogues)
            {
                using var writer = new StreamWriter(file, append: false, new UTF8Encoding(false));
                var count = DatasetExporter.Write(dialogues, kind, writer, parse.GetValue(reasoning), parse.GetValue(perTurn));
                AnsiConsole.MarkupLineInterpolated($"{count} samples from {dialogues.Count} dialogues → {file} ({name})");
            }
        }));
        return command;
    }
}
