using System.CommandLine;
using Parley.Cli.Commands;

var root = new RootCommand("Parley: generate multi-turn, user-oriented, tool-use dialogue datasets grounded in real SQLite tools.")
{
    GenerateCommand.Create(),
    StatsCommand.Create(),
    DomainsCommand.Create(),
    ShowCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
