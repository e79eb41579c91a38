using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Parley.Quality;
using Parley.Serialization;
using Spectre.Console;

namespace Parley.Cli.Commands;

/// <summary><c>parley dedup RUN</c>: finds near-duplicate dialogues of a run and writes <c>duplicates.json</c>.</summary>
internal static class DedupCommand
{
    private const int Shown = 20;

    public static Command Create()
    {
        var folder = new Argument<string>("run") { Description = "A run folder (written by parley generate)." };
        var settings = new DedupOptions(formerNames: true);
        var json = new Option<bool>("--json") { Description = "Print the report as JSON instead of a table." };
        var command = new Command("dedup", "Find near-duplicate dialogues (MinHash + LSH, exact Jaccard check) and write RUN/duplicates.json.") { folder, json };
        foreach (var option in settings.All) command.Options.Add(option);
        command.SetAction((parse, cancellationToken) =>
        {
            var dir = parse.GetValue(folder)!;
            var report = NearDuplicateDetector.FindInRun(dir, settings.Read(parse), cancellationToken);
            var path = report.Write(dir);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(report, QualityJsonContext.Default.DuplicateReport));
                return Task.FromResult(ExitCodes.Ok);
            }
            AnsiConsole.MarkupLineInterpolated(
                $"{report.Clusters.Count} clusters of near-duplicates among {report.Dialogues} dialogues (by {settings.Signal(parse)}, Jaccard ≥ {report.Threshold.ToString(CultureInfo.InvariantCulture)}); deduplication would drop {report.Duplicates} → {path}");
            if (report.Clusters.Count == 0) return Task.FromResult(ExitCodes.Ok);
            var table = new Table().AddColumns("size", "representative", "similarity ≥", "opening");
            foreach (var cluster in report.Clusters.Take(Shown))
            {
                table.AddRow(cluster.Size.ToString(CultureInfo.InvariantCulture), cluster.Representative,
                    cluster.Similarity.ToString("0.00", CultureInfo.InvariantCulture), Markup.Escape(cluster.Opening.Length > 80 ? cluster.Opening[..79] + "…" : cluster.Opening));
            }
            AnsiConsole.Write(table);
            if (report.Clusters.Count > Shown) AnsiConsole.MarkupLineInterpolated($"… {report.Clusters.Count - Shown} more clusters in {path}");
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }
}
