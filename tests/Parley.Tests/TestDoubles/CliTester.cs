using Parley.Cli;
using Spectre.Console;

namespace Parley.Tests.TestDoubles;

/// <summary>The exit code and output of one <c>parley</c> invocation.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error);

/// <summary>Tests of the CLI redirect the process-wide console, so they run alone, outside parallel tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "console";
}

/// <summary>
/// Runs the <c>parley</c> command line in-process through the same entry point as Program.cs (<c>CliApp.RunAsync</c>),
/// with stdout, stderr and the Spectre console captured.
/// </summary>
public static class CliTester
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(240, args);

    /// <summary>Runs the CLI on a console <paramref name="width"/> columns wide.</summary>
    public static async Task<CliResult> RunAsync(int width, params string[] args)
    {
        await Gate.WaitAsync();
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var (oldOut, oldError, oldAnsi) = (Console.Out, Console.Error, AnsiConsole.Console);
        try
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
            var ansi = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
                Out = new AnsiConsoleOutput(stdout),
            });
            ansi.Profile.Width = width;
            AnsiConsole.Console = ansi;
            var code = await CliApp.RunAsync(args);
            return new CliResult(code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
            AnsiConsole.Console = oldAnsi;
            Gate.Release();
        }
    }
}
