using System.CommandLine;

namespace Parley.Cli.Commands;

/// <summary>The values of a list option given comma or space separated (<c>--domains a,b c</c>), the same way in every command.</summary>
internal static class ListValues
{
    /// <summary>Every value of <paramref name="option"/>, split at commas and trimmed; null when the option was not given.</summary>
    public static IReadOnlyList<string>? Of(ParseResult parse, Option<string[]> option) =>
        parse.GetResult(option) is { Implicit: false }
            ? [.. (parse.GetValue(option) ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))]
            : null;
}
