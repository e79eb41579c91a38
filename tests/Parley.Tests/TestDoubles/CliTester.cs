using System.Reflection;
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
/// Runs the <c>parley</c> command line in-process through Program.cs's own entry point (its top-level statements), with
/// stdout, stderr and the Spectre console captured.
/// </summary>
public static class CliTester
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly MethodInfo EntryPoint = typeof(ExitCodes).Assembly.EntryPoint
        ?? throw new InvalidOperationException("Parley.Cli has no entry point");

    // Async top-level statements compile to an awaitable `<Main>$` behind a blocking synchronous entry point.
    private static readonly MethodInfo AsyncMain = EntryPoint.DeclaringType!.GetMethod("<Main>$", BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)
        is { ReturnType: var type } main && type == typeof(Task<int>) ? main : EntryPoint;

    public static async Task<CliResult> RunAsync(params string[] args)
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
            ansi.Profile.Width = 240;
            AnsiConsole.Console = ansi;
            var code = AsyncMain.Invoke(null, [args]) switch
            {
                Task<int> task => await task,
                int exit => exit,
                var other => throw new InvalidOperationException($"unexpected entry point result {other}"),
            };
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
