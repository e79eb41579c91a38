using System.CommandLine;
using Parley.Cli;
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
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    // Bad usage exits 2, as documented, rather than System.CommandLine's default 1.
    foreach (var error in parsed.Errors) await Console.Error.WriteLineAsync($"error: {error.Message}");
    return ExitCodes.Usage;
}
return await parsed.InvokeAsync();
