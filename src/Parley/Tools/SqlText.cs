using System.Text.RegularExpressions;

namespace Parley.Tools;

/// <summary>
/// Reads SQL text without running it (its <c>:named</c> parameters, its statements and what each begins with), and
/// writes the one piece Parley splices into SQL itself: a quoted identifier.
/// </summary>
internal static partial class SqlText
{
    /// <summary>A quoted SQL identifier, whatever it contains: <c>we"ird</c> → <c>"we""ird"</c>.</summary>
    public static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>The distinct parameter names (without ':') in order of first use.</summary>
    public static IReadOnlyList<string> Parameters(string sql) =>
        [.. Parameter().Matches(Code().Replace(sql, " ")).Select(m => m.Groups[1].Value).Distinct()];

    /// <summary>
    /// The statements of <paramref name="sql"/>, each with its terminating ';' when it has one. A ';' inside a literal, a
    /// quoted name, a comment or a trigger body (up to its <c>END;</c>, not a CASE's) does not split. Blank pieces are dropped.
    /// </summary>
    public static IReadOnlyList<string> Statements(string sql)
    {
        var statements = new List<string>();
        var start = 0;
        var lastWord = "";
        var words = 0;
        var (create, trigger) = (false, false);
        // Inside a trigger only `END;` closes the body, and an END that closes a CASE expression is not that one.
        var cases = 0;
        for (var i = 0; i < sql.Length; i++)
        {
            var c = sql[i];
            if (c is '\'' or '"' or '`' or '[')
            {
                var close = c == '[' ? ']' : c;
                var end = sql.IndexOf(close, i + 1);
                // A doubled quote inside a literal is the quote itself: the scan simply resumes after it.
                i = end < 0 ? sql.Length : end;
                lastWord = "";
            }
            else if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                var end = sql.IndexOf('\n', i);
                i = end < 0 ? sql.Length : end;
            }
            else if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + 1;
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                var from = i;
                while (i + 1 < sql.Length && (char.IsAsciiLetterOrDigit(sql[i + 1]) || sql[i + 1] == '_')) i++;
                lastWord = sql[from..(i + 1)];
                words++;
                if (words == 1) create = lastWord.Equals("CREATE", StringComparison.OrdinalIgnoreCase);
                if (create && words <= 3 && lastWord.Equals("TRIGGER", StringComparison.OrdinalIgnoreCase)) trigger = true;
                if (!trigger) continue;
                if (lastWord.Equals("CASE", StringComparison.OrdinalIgnoreCase))
                {
                    cases++;
                }
                else if (cases > 0 && lastWord.Equals("END", StringComparison.OrdinalIgnoreCase))
                {
                    cases--;
                    lastWord = "";
                }
            }
            else if (c == ';')
            {
                if (trigger && !lastWord.Equals("END", StringComparison.OrdinalIgnoreCase)) continue;
                Add(sql[start..(i + 1)]);
                start = i + 1;
                (lastWord, words, create, trigger, cases) = ("", 0, false, false, 0);
            }
            else if (!char.IsWhiteSpace(c))
            {
                lastWord = "";
            }
        }
        if (start < sql.Length) Add(sql[start..]);
        return statements;

        void Add(string piece)
        {
            if (FirstKeyword(piece) is not null) statements.Add(piece.Trim());
        }
    }

    /// <summary>The first keyword of a statement in upper case (after comments), or null when it has none.</summary>
    public static string? FirstKeyword(string statement)
    {
        var match = Keyword().Match(Code().Replace(statement, " "));
        return match.Success ? match.Value.ToUpperInvariant() : null;
    }

    /// <summary>True for a statement that controls transactions (BEGIN, COMMIT, END, ROLLBACK, SAVEPOINT, RELEASE).</summary>
    public static bool IsTransactionControl(string statement) =>
        FirstKeyword(statement) is "BEGIN" or "COMMIT" or "END" or "ROLLBACK" or "SAVEPOINT" or "RELEASE";

    // Literals, quoted identifiers and comments, whose text is not SQL.
    [GeneratedRegex(@"'(?:[^']|'')*'|""(?:[^""]|"""")*""|`(?:[^`]|``)*`|\[[^\]]*\]|--[^\n]*|/\*.*?(?:\*/|$)", RegexOptions.Singleline)]
    private static partial Regex Code();

    [GeneratedRegex(@"(?<![:\w]):([A-Za-z_]\w*)")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"[A-Za-z_]+")]
    private static partial Regex Keyword();
}
