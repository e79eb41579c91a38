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
        var command = new Command("export", "Export kept dialogues to a training format.") { folder, format, to, reasoning };
        command.SetAction((parse, _) => CommandRunner.RunAsync(() =>
        {
            var dir = parse.GetValue(folder)!;
            var source = Path.Combine(dir, OutputDirectory.DialoguesFile);
            if (!File.Exists(source)) throw ParleyException.NotFound(dir, $"no {OutputDirectory.DialoguesFile} here; is this a run folder?");
            var name = parse.GetValue(format)!;
            var kind = name switch { "openai" => ExportFormat.OpenAi, "sharegpt" => ExportFormat.ShareGpt, _ => ExportFormat.Hermes };
            var target = parse.GetValue(to) ?? Path.Combine(dir, $"export-{name}.jsonl");
            using var writer = new StreamWriter(target, append: false, new UTF8Encoding(false));
            var count = DatasetExporter.Write(JsonlFile.Read(source, ParleyJsonContext.Default.Dialogue), kind, writer, parse.GetValue(reasoning));
            AnsiConsole.MarkupLineInterpolated($"{count} dialogues → {target} ({name})");
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
