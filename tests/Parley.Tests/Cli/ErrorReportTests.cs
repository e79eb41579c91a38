using Parley.Cli;

namespace Parley.Tests.Cli;

public sealed class ErrorReportTests
{
    private static async Task<(int Code, string Text)> ReportAsync(Exception exception, bool verbose = false)
    {
        var error = new StringWriter();
        var code = await ErrorReport.WriteAsync(exception, verbose, error);
        return (code, error.ToString());
    }

    private static Exception Thrown(Exception exception)
    {
        try
        {
            throw exception;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    [Fact]
    public async Task ReportsABugInOneLineWithItsOwnCode_WhenTheExceptionIsUnexpected()
    {
        var (code, text) = await ReportAsync(Thrown(new InvalidOperationException("Sequence contains no elements")));

        code.Should().Be(ExitCodes.InternalError);
        text.Should().Be("internal error: InvalidOperationException: Sequence contains no elements (a bug in Parley; rerun with --verbose for the stack trace and report it)\n");
    }

    [Fact]
    public async Task AddsTheStackTrace_OnlyWhenVerbose()
    {
        var (code, text) = await ReportAsync(Thrown(new InvalidOperationException("boom")), verbose: true);

        code.Should().Be(ExitCodes.InternalError);
        text.Should().StartWith("internal error: InvalidOperationException: boom").And.Contain("   at ").And.Contain(nameof(Thrown));
    }

    [Fact]
    public async Task ReportsADiskFull_AsAnIoError()
    {
        var (code, text) = await ReportAsync(new IOException("No space left on device : '/data/run/dialogues.jsonl'", 28));

        code.Should().Be(ExitCodes.Io);
        text.Should().Be("error: the disk is full: No space left on device : '/data/run/dialogues.jsonl'\n");
    }

    [Fact]
    public async Task ReportsTheLedgersDiskFull_AsAnIoError()
    {
        var (code, text) = await ReportAsync(new Microsoft.Data.Sqlite.SqliteException("SQLite Error 13: 'database or disk is full'.", 13));

        code.Should().Be(ExitCodes.Io);
        text.Should().Be("error: the disk is full: SQLite Error 13: 'database or disk is full'.\n");
    }

    [Fact]
    public async Task ReportsAParleyException_ByItsKind()
    {
        var (code, text) = await ReportAsync(ParleyException.RunFolderInUse("out/run"));

        code.Should().Be(ExitCodes.RunFolderConflict);
        text.Should().Be("error: out/run: another parley run is writing to this folder; wait for it to end, or choose another --out\n");
    }

    [Fact]
    public void EscapesControlCharactersAndLoneSurrogates()
    {
        ErrorReport.Printable("a\u001b[2Jb\ud800c😀").Should().Be("a\\u001b[2Jb\\ud800c😀");
    }
}
