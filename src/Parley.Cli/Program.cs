using Parley.Cli;
using Parley.Environments;
using Parley.Tools;
using Spectre.Console;

// Process-wide SQLite settings belong to the entry point, before any database opens.
SqliteEngine.Configure();
// Tables wrap at 80 columns when output is piped; a log or a file reads better unwrapped.
if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 240;
return await CliApp.RunAsync(args);
