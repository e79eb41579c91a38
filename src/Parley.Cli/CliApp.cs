using System.CommandLine;
using System.CommandLine.Help;
using Spectre.Console;
using Parley.Cli.Commands;

namespace Parley.Cli;

/// <summary>The <c>parley</c> command tree and its entry point, shared by <c>Program</c> and the in-process CLI tests.</summary>
internal static class CliApp
{
    /// <summary>The <c>--verbose</c> option every command takes: a failure's stack trace after its one-line message.</summary>
    public static Option<bool> Verbose { get; } = new("--verbose") { Description = "On failure, print the stack trace after the one-line error.", Recursive = true };

    /// <summary>The widest a table or wrapped line is drawn, however wide the terminal: tables fit 100 columns.</summary>
    public const int MaxWidth = 100;

    /// <summary>The root command with every subcommand.</summary>
    /// <remarks>
    /// A plain <see cref="Command"/> named <c>parley</c> rather than a <see cref="RootCommand"/>, whose name is the
    /// executable's (<c>Parley.Cli</c> under <c>dotnet run</c>): help and usage lines name the command users type.
    /// </remarks>
    public static Command Root() => new("parley", "Parley: generate multi-turn, user-oriented, tool-use dialogue datasets grounded in real SQLite tools.")
    {
        new HelpOption(),
        new VersionOption(),
        Verbose,
        NumericOptions.Checked(GenerateCommand.Create()),
        NumericOptions.Checked(GenerateCommand.CreateAugment()),
        NumericOptions.Checked(EvalCommand.Create()),
        ImportCommand.Create(),
        NumericOptions.Checked(StatsCommand.Create()),
        DomainsCommand.Create(),
        NumericOptions.Checked(ShowCommand.Create()),
        NumericOptions.Checked(ExportCommand.Create()),
        ValidateCommand.Create(),
        NumericOptions.Checked(FilterCommand.Create()),
        MergeCommand.Create(),
        NumericOptions.Checked(DedupCommand.Create()),
        NumericOptions.Checked(ReportCommand.Create()),
        InitCommand.Create(),
        McpCommand.Create(),
    };

    /// <summary>
    /// Parses and runs <paramref name="args"/>: bad usage exits 2, as documented, rather than System.CommandLine's
    /// default 1; a failure is one line on stderr and its exit code (<see cref="ErrorReport"/>).
    /// </summary>
    public static async Task<int> RunAsync(string[] args, InvocationConfiguration? configuration = null)
    {
        var parsed = Root().Parse(args);
        var error = configuration?.Error ?? Console.Error;
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors) await error.WriteLineAsync($"error: {ErrorReport.Printable(problem.Message)}");
            return ExitCodes.Usage;
        }
        // Ctrl-C or SIGTERM cancels the run, which then writes what finished and exits 130; allow it more than the
        // default 2 s, since in-flight model calls get a few seconds to finish.
        configuration ??= new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) };
        configuration.EnableDefaultExceptionHandler = false;
        var console = AnsiConsole.Console.Profile;
        console.Width = Math.Min(console.Width, MaxWidth);
        try
        {
            return await parsed.InvokeAsync(configuration);
        }
        catch (Exception e)
        {
            return await ErrorReport.WriteAsync(e, parsed.GetValue(Verbose), error);
        }
    }
}
