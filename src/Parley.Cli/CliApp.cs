using System.CommandLine;
using Parley.Cli.Commands;

namespace Parley.Cli;

/// <summary>The <c>parley</c> command tree and its entry point, shared by <c>Program</c> and the in-process CLI tests.</summary>
internal static class CliApp
{
    /// <summary>The root command with every subcommand.</summary>
    public static RootCommand Root() => new("Parley: generate multi-turn, user-oriented, tool-use dialogue datasets grounded in real SQLite tools.")
    {
        GenerateCommand.Create(),
        GenerateCommand.CreateAugment(),
        StatsCommand.Create(),
        DomainsCommand.Create(),
        ShowCommand.Create(),
        ExportCommand.Create(),
        ValidateCommand.Create(),
        FilterCommand.Create(),
        MergeCommand.Create(),
        DedupCommand.Create(),
        ReportCommand.Create(),
        InitCommand.Create(),
    };

    /// <summary>Parses and runs <paramref name="args"/>; bad usage exits 2, as documented, rather than System.CommandLine's default 1.</summary>
    public static async Task<int> RunAsync(string[] args, InvocationConfiguration? configuration = null)
    {
        var parsed = Root().Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var error = configuration?.Error ?? Console.Error;
            foreach (var problem in parsed.Errors) await error.WriteLineAsync($"error: {problem.Message}");
            return ExitCodes.Usage;
        }
        // Ctrl-C or SIGTERM cancels the run, which then writes what finished and exits 130; allow it more than the
        // default 2 s, since in-flight model calls get a few seconds to finish.
        return await parsed.InvokeAsync(configuration ?? new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });
    }
}
