using System.CommandLine;
using Parley.Cli.Commands;
using Spectre.Console;

// Tables wrap at 80 columns when output is piped; a log or a file reads better unwrapped.
if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 240;

var root = new RootCommand("Parley: generate multi-turn, user-oriented, tool-use dialogue datasets grounded in real SQLite tools.")
{
    GenerateCommand.Create(),
    StatsCommand.Create(),
    DomainsCommand.Create(),
    ShowCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
