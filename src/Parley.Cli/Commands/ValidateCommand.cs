using System.CommandLine;
using Parley.Environments;
using Parley.Generation;
using Spectre.Console;

namespace Parley.Cli.Commands;

/// <summary><c>parley validate &lt;out&gt;</c>: re-checks every kept dialogue of a run and reports each failure.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("out") { Description = "A run folder (written by parley generate)." };
        var command = new Command("validate", "Re-check a run: structure, tool-call ids, arguments, and tool calls replayed to the expected end state.") { folder };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var findings = await new RunValidator(DomainCatalog.BuiltIn).ValidateAsync(parse.GetValue(folder)!, ct);
            var failed = findings.Where(f => f.Failures.Count > 0).ToList();
            foreach (var finding in failed)
            {
                foreach (var failure in finding.Failures) AnsiConsole.MarkupLineInterpolated($"[red]{finding.DialogueId}[/]: {failure}");
            }
            AnsiConsole.MarkupLineInterpolated($"{findings.Count - failed.Count} of {findings.Count} dialogues valid");
            return failed.Count == 0 ? ExitCodes.Ok : ExitCodes.ValidationFailed;
        }));
        return command;
    }
}
