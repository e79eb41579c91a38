using System.CommandLine;
using Parley.Environments;
using Parley.Generation;
using Parley.Runs;
using Spectre.Console;

namespace Parley.Cli.Commands;

/// <summary><c>parley validate RUN</c>: re-checks every kept dialogue of a run and reports each failure.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("run") { Description = "A run folder (written by parley generate)." };
        var command = new Command("validate", "Re-check a run: structure, tool-call ids, arguments, and tool calls replayed to the expected end state.") { folder };
        command.SetAction(async (parse, ct) =>
        {
            int all = 0, failed = 0;
            await foreach (var finding in new RunValidator(DomainCatalog.BuiltIn).ValidateAsync(parse.GetValue(folder)!, ct))
            {
                all++;
                if (finding.Failures.Count == 0) continue;
                failed++;
                foreach (var failure in finding.Failures) AnsiConsole.MarkupLineInterpolated($"[red]{finding.DialogueId}[/]: {failure}");
            }
            AnsiConsole.MarkupLineInterpolated($"{all - failed} of {all} dialogues valid");
            return failed == 0 ? ExitCodes.Ok : ExitCodes.ValidationFailed;
        });
        return command;
    }
}
