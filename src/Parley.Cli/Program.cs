using Parley.Cli;
using Spectre.Console;

// Tables wrap at 80 columns when output is piped; a log or a file reads better unwrapped.
if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 240;
return await CliApp.RunAsync(args);
