using System.CommandLine;

namespace Parley.Cli.Commands;

/// <summary>
/// An option's former name, still accepted but hidden from help and documented as deprecated (<c>--to</c> for
/// <c>--out</c>): the current name wins when both are given.
/// </summary>
internal sealed class RenamedOption<T>
{
    private readonly Option<T> _current;

    /// <summary>Keeps <paramref name="formerName"/> working for <paramref name="current"/>.</summary>
    public RenamedOption(Option<T> current, string formerName)
    {
        _current = current;
        Former = new Option<T>(formerName) { Hidden = true, Description = $"Deprecated: use {current.Name}." };
    }

    /// <summary>The hidden option under the former name, to add to the command next to the current one.</summary>
    public Option<T> Former { get; }

    /// <summary>The value given under either name (the current one when both are), else the current option's default.</summary>
    public T Value(ParseResult parse) =>
        parse.GetResult(_current) is null or { Implicit: true } && parse.GetResult(Former) is { Implicit: false } ? parse.GetValue(Former)! : parse.GetValue(_current)!;
}
