using System.Text.RegularExpressions;

namespace Parley.Environments;

/// <summary>Reads the <c>:named</c> parameters of a SQL statement, ignoring string literals, quoted names and comments.</summary>
public static partial class SqlText
{
    /// <summary>The distinct parameter names (without ':') in order of first use.</summary>
    public static IReadOnlyList<string> Parameters(string sql) =>
        [.. Parameter().Matches(Code().Replace(sql, " ")).Select(m => m.Groups[1].Value).Distinct()];

    // Literals, quoted identifiers and comments, whose text is not SQL.
    [GeneratedRegex(@"'(?:[^']|'')*'|""(?:[^""]|"""")*""|--[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Code();

    [GeneratedRegex(@"(?<![:\w]):([A-Za-z_]\w*)")]
    private static partial Regex Parameter();
}
