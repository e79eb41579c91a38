using System.CommandLine;
using Parley.Imports;
using Spectre.Console;

namespace Parley.Cli.Commands;

/// <summary><c>parley import tau2 DIR --out ENVDIR</c>: turns a τ²-bench domain's files into a Parley environment with its tasks.</summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("dir") { Description = "A τ²-bench domain folder (data/tau2/domains/<name>: db.json, policy.md, tasks.json)." };
        var output = new Option<string>("--out", "-o") { Description = "The folder to write (environments/, tasks.jsonl, import.json).", Required = true };
        var mapping = new Option<string?>("--mapping") { Description = "A mapping folder (tau2.yaml, schema.sql, tools.yaml, domain.yaml) for a domain that is not built in." };
        var tau2 = new Command("tau2", $"Import a τ²-bench domain (built in: {string.Join(", ", Tau2Mapping.BuiltIn)}).") { source, output, mapping };
        tau2.SetAction(async (parse, ct) =>
        {
            var map = parse.GetValue(mapping) is { } folder ? Tau2Mapping.FromFolder(folder) : null;
            var import = await Tau2Importer.ImportAsync(parse.GetValue(source)!, map, ct);
            var target = parse.GetValue(output)!;
            Tau2Importer.Write(import, target);
            AnsiConsole.MarkupLineInterpolated($"{import.Environment.Id}: {string.Join(", ", import.Rows.Where(r => r.Value > 0).Select(r => $"{r.Value} {r.Key}"))}");
            AnsiConsole.MarkupLineInterpolated($"{import.Tasks.Count} of {import.SourceTasks} tasks imported → {target}");
            foreach (var skipped in import.Skipped) AnsiConsole.MarkupLineInterpolated($"  not imported: task {skipped.Id}: {skipped.Reason}");
            if (import.WordsNotChecked.Count > 0)
            {
                AnsiConsole.MarkupLineInterpolated($"  {import.WordsNotChecked.Count} imported tasks also expect the agent to say something (communicate_info / nl_assertions), which the end-state check does not see");
            }
            return ExitCodes.Ok;
        });
        return new Command("import", "Import environments and tasks from elsewhere.") { tau2 };
    }
}
