using System.CommandLine;
using Parley.Evaluation;
using Parley.Reporting;
using Parley.Runs;
using Parley.Serialization;
using Spectre.Console;

namespace Parley.Cli.Commands;

/// <summary><c>parley report RUN... [--out report.html]</c>: one self-contained HTML report of one or more runs.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var folders = new Argument<string[]>("run") { Description = "One or more run folders (e.g. a user-oriented and a task-oriented run, to compare them), or one evaluation folder (parley eval --out).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--out", "-o") { Description = "The HTML file (default: <first run>/report.html)." };
        var to = new RenamedOption<string?>(output, "--to");
        var max = new Option<int>("--max-dialogues") { Description = "Dialogues embedded for the browser, taken in turn from each run; the numbers cover all.", DefaultValueFactory = _ => HtmlReport.DefaultMaxDialogues };
        var command = new Command("report", "Write a self-contained HTML report: numbers, charts, mode comparison and a dialogue browser.") { folders, output, to.Former, max };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var dirs = parse.GetValue(folders)!;
            var cap = parse.GetValue(max);
            if (cap < 0) throw ParleyException.InvalidOption("--max-dialogues", "must be zero or more");
            // An evaluation folder: its results first, then its trials as the run to browse.
            var evaluation = dirs.Length == 1 && File.Exists(Path.Combine(dirs[0], Evaluator.ResultsFile)) ? EvaluationResultsFile.Read(dirs[0]) : null;
            string[] runs = evaluation is null ? dirs : [Path.Combine(dirs[0], Evaluator.TrialsFolder)];
            var target = to.Value(parse) ?? Path.Combine(dirs[0], "report.html");
            var total = HtmlReport.Write(target, runs, cap, evaluation, cancellationToken).Dialogues;
            AnsiConsole.MarkupLineInterpolated($"report of {total} dialogues ({Math.Min(total, cap)} browsable) → {target}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
