using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Parley.Cli.Commands;

/// <summary>
/// Gives every number and enum option of a command a parser whose error names the option and the values it takes
/// (<c>--seed: 'abc' is not a whole number from 0 to 18446744073709551615</c>) instead of a .NET type name, and that
/// refuses NaN and infinities, which no option means.
/// </summary>
internal static class NumericOptions
{
    /// <summary>Sets the parsers on <paramref name="command"/>'s options and arguments (and its subcommands') and returns it.</summary>
    public static Command Checked(Command command)
    {
        foreach (var option in command.Options) Check(option);
        foreach (var sub in command.Subcommands) Checked(sub);
        return command;
    }

    private static void Check(Option option)
    {
        switch (option)
        {
            case Option<int> o: o.CustomParser = r => Parse(r, o.Name, Int); break;
            case Option<int?> o: o.CustomParser = r => Parse(r, o.Name, Int); break;
            case Option<long> o: o.CustomParser = r => Parse(r, o.Name, Long); break;
            case Option<ulong> o: o.CustomParser = r => Parse(r, o.Name, ULong); break;
            case Option<double> o: o.CustomParser = r => Parse(r, o.Name, Double); break;
            case Option<double?> o: o.CustomParser = r => Parse(r, o.Name, Double); break;
            case Option<Rendering.ProgressMode> o: o.CustomParser = r => Parse(r, o.Name, Enum<Rendering.ProgressMode>); break;
        }
    }

    private static T Parse<T>(ArgumentResult result, string name, Func<string, (bool Ok, T Value, string Expected)> parse)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        var (ok, value, expected) = parse(text);
        if (!ok) result.AddError($"{name}: '{text}' is not {expected}");
        return value;
    }

    private static (bool, int, string) Int(string s) =>
        (int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v), v, $"a whole number from {int.MinValue} to {int.MaxValue}");

    private static (bool, long, string) Long(string s) =>
        (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v), v, $"a whole number from {long.MinValue} to {long.MaxValue}");

    private static (bool, ulong, string) ULong(string s) =>
        (ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v), v, $"a whole number from 0 to {ulong.MaxValue}");

    private static (bool, double, string) Double(string s) =>
        (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v), v, "a finite number (like 0.5 or 2)");

    private static (bool, T, string) Enum<T>(string s) where T : struct, Enum =>
        (System.Enum.TryParse<T>(s, ignoreCase: true, out var v) && System.Enum.IsDefined(v) && !int.TryParse(s, out _), v,
            "one of " + string.Join(", ", System.Enum.GetNames<T>().Select(n => n.ToLowerInvariant())));
}
