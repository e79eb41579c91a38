using System.CommandLine;

namespace Parley.Cli.Commands;

/// <summary>
/// Restricts a text option to a list of values, refused with one line naming the option and every value it takes
/// (<c>--format: 'csv' is not one of openai, sharegpt, hermes, parquet</c>).
/// </summary>
internal static class Choices
{
    /// <summary>Adds the check to <paramref name="option"/> and returns it.</summary>
    public static Option<string> OneOf(this Option<string> option, IReadOnlyList<string> allowed)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 0) return;
            var value = result.Tokens[^1].Value;
            if (!allowed.Contains(value)) result.AddError($"{option.Name}: '{value}' is not one of {string.Join(", ", allowed)}");
        });
        option.CompletionSources.Add(_ => allowed.Select(a => new System.CommandLine.Completions.CompletionItem(a)));
        return option;
    }
}
