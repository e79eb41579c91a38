using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Parley.Cli.Rendering;
using Parley.Statistics;

namespace Parley.Cli.Commands;

/// <summary><c>parley stats RUN...</c>: dataset-card statistics of one or more runs, side by side when there are several modes.</summary>
internal static class StatsCommand
{
    public static Command Create()
    {
        var folders = new Argument<string[]>("run") { Description = "One or more run folders (written by parley generate).", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables: {runs: [{run, statistics}], comparison}." };
        var command = new Command("stats", "Show statistics of generated runs: per mode and domain, histograms, tool coverage, errors, terminations, and a side-by-side comparison.") { folders, json };
        command.SetAction((parse, _) =>
        {
            var runs = parse.GetValue(folders)!.Select(f => new RunStatistics(f, DatasetStatistics.Load(f))).ToList();
            var comparison = StatisticsComparison.Of([.. runs.Select(r => (Label(r.Run), r.Statistics))]);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new StatsDocument(runs, comparison), StatsJsonContext.Default.StatsDocument));
                return Task.FromResult(ExitCodes.Ok);
            }
            foreach (var run in runs) StatisticsRenderer.Write(run.Run, run.Statistics, withTitle: runs.Count > 1);
            if (comparison.Columns.Count > 1) StatisticsRenderer.Write(comparison);
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    private static string Label(string folder) => Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)) is { Length: > 0 } name ? name : folder;
}

/// <summary>The <c>parley stats --json</c> document.</summary>
internal sealed record StatsDocument(IReadOnlyList<RunStatistics> Runs, StatisticsComparison Comparison);

/// <summary>One run folder's statistics.</summary>
internal sealed record RunStatistics(string Run, DatasetStatistics Statistics);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(StatsDocument))]
internal sealed partial class StatsJsonContext : JsonSerializerContext;
