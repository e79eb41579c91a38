using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Parley.Statistics;
using Spectre.Console;

namespace Parley.Cli.Commands;

/// <summary><c>parley stats &lt;out&gt;</c>: per mode and domain statistics of a run.</summary>
internal static class StatsCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("out") { Description = "A run folder (written by parley generate)." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var command = new Command("stats", "Show statistics of a generated run.") { folder, json };
        command.SetAction((parse, _) => CommandRunner.RunAsync(() =>
        {
            var stats = DatasetStatistics.Load(parse.GetValue(folder)!);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(stats, StatsJsonContext.Default.DatasetStatistics));
                return Task.FromResult(ExitCodes.Ok);
            }
            var table = new Table().AddColumns("mode", "domain", "dialogues", "pass", "turns mean/median", "user", "assistant", "tool calls", "tasks", "tools", "tool errors", "distinct user msgs", "distinct openings");
            foreach (var g in stats.Groups)
            {
                table.AddRow(g.Mode, g.Domain, g.Dialogues.ToString(CultureInfo.InvariantCulture), Pct(g.PassRate),
                    $"{g.Turns.Mean:0.0} / {g.Turns.Median:0.#}", $"{g.UserTurns.Mean:0.0}", $"{g.AssistantTurns.Mean:0.0}", $"{g.ToolCalls.Mean:0.0}", $"{g.Tasks.Mean:0.00}",
                    g.DistinctTools.ToString(CultureInfo.InvariantCulture), Pct(g.ToolErrorRate), Pct(g.DistinctUserMessages), Pct(g.DistinctOpenings));
            }
            AnsiConsole.Write(table);
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    private static string Pct(double x) => (x * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[System.Text.Json.Serialization.JsonSerializable(typeof(DatasetStatistics))]
internal sealed partial class StatsJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
