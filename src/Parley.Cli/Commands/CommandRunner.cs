using Spectre.Console;

namespace Parley.Cli.Commands;

/// <summary>Maps library outcomes to exit codes and error text, the same way for every command.</summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (ParleyException e)
        {
            AnsiConsole.Console.Profile.Out.Writer.Flush();
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return e.Code switch
            {
                "invalid_option" or "unknown_domain" => ExitCodes.Usage,
                "not_found" => ExitCodes.NotFound,
                "endpoint_unavailable" => ExitCodes.EndpointUnavailable,
                _ => ExitCodes.InvalidInput,
            };
        }
        catch (Llm.LlmException e)
        {
            // A model failure outside a dialogue (nothing to reject it into): one line, never a stack trace.
            AnsiConsole.Console.Profile.Out.Writer.Flush();
            await Console.Error.WriteLineAsync($"error: {e.Reason}");
            return ExitCodes.EndpointUnavailable;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("cancelled");
            return ExitCodes.Cancelled;
        }
    }
}
