using System.Text;
using Microsoft.Data.Sqlite;
using Spectre.Console;

namespace Parley.Cli;

/// <summary>
/// Turns a failure into one line on stderr and its exit code, the same way for every command: a
/// <see cref="ParleyException"/> by its kind, a file system failure as an I/O error, cancellation as 130, anything else
/// as a bug. The stack trace follows only with <c>--verbose</c>.
/// </summary>
internal static class ErrorReport
{
    private const int ENOSPC = 28, EDQUOT = 122;
    private const int SQLITE_READONLY = 8, SQLITE_IOERR = 10, SQLITE_FULL = 13, SQLITE_CANTOPEN = 14;

    /// <summary>Writes <paramref name="exception"/>'s line (and with <paramref name="verbose"/> its stack trace) and returns the exit code.</summary>
    public static async Task<int> WriteAsync(Exception exception, bool verbose, TextWriter error)
    {
        AnsiConsole.Console.Profile.Out.Writer.Flush();
        var (code, line) = Describe(exception);
        await error.WriteLineAsync(Printable(line));
        if (verbose && exception is not OperationCanceledException) await error.WriteLineAsync(exception.ToString());
        return code;
    }

    /// <summary>
    /// <paramref name="text"/> with control characters and invalid UTF-16 escaped (<c>\u001b</c>), so text quoted from a
    /// binary file cannot drive the terminal.
    /// </summary>
    public static string Printable(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) builder.Append(c).Append(text[++i]);
            else if (char.IsControl(c) || char.IsSurrogate(c) || c == '\uFFFD') builder.Append($"\\u{(int)c:x4}");
            else builder.Append(c);
        }
        return builder.ToString();
    }

    private static (int Code, string Line) Describe(Exception exception) => exception switch
    {
        ParleyException e => ((int)e.Kind, $"error: {e.Message}"),
        // A model failure outside a dialogue (a designer's call: nothing to reject it into).
        Llm.LlmException e => (ExitCodes.EndpointUnavailable, $"error: {e.Reason}"),
        OperationCanceledException => (ExitCodes.Cancelled, "cancelled"),
        IOException e when (e.HResult & 0xFFFF) is ENOSPC or EDQUOT => (ExitCodes.Io, $"error: the disk is full: {e.Message}"),
        IOException or UnauthorizedAccessException => (ExitCodes.Io, $"error: {exception.Message}"),
        // The run ledger's own disk failures: SQLITE_FULL, then SQLITE_READONLY, SQLITE_IOERR and SQLITE_CANTOPEN.
        SqliteException { SqliteErrorCode: SQLITE_FULL } => (ExitCodes.Io, $"error: the disk is full: {exception.Message}"),
        SqliteException { SqliteErrorCode: SQLITE_READONLY or SQLITE_IOERR or SQLITE_CANTOPEN } => (ExitCodes.Io, $"error: {exception.Message}"),
        AggregateException { InnerExceptions: [var only] } => Describe(only),
        _ => (ExitCodes.InternalError, $"internal error: {exception.GetType().Name}: {exception.Message} (a bug in Parley; rerun with --verbose for the stack trace and report it)"),
    };
}
