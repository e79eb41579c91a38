using System.Globalization;
using Parley.Generation;

namespace Parley.Cli.Rendering;

/// <summary>The figures of a progress snapshot as short text, shared by the live display and the log lines.</summary>
internal static class ProgressText
{
    public static string Counts(GenerationProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"{p.Done:N0}/{p.Total:N0} ({Percent(p):0.0}%) — kept {p.Kept:N0}, failed {p.Rejected:N0}{(p.Paused > 0 ? $", paused {p.Paused:N0}" : "")}, in flight {p.InFlight:N0}{(p.Waiting > 0 ? $", {p.Waiting:N0} waiting to be written" : "")}");

    public static string Rate(GenerationProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"{p.PerMinute:N0} dialogues/min, elapsed {Duration(p.Elapsed)}, ETA {(p.Eta is { } eta ? Duration(eta) : "—")}{(p.Resumed > 0 ? $", {p.Resumed:N0} done before resuming" : "")}");

    public static string? Usage(GenerationProgress p) => p.Usage is not { } u ? null : string.Create(CultureInfo.InvariantCulture,
        $"tokens {Compact(u.InputTokens)} in ({Compact(u.CachedInputTokens)} cached) / {Compact(u.OutputTokens)} out, {u.Requests:N0} calls{(u.Cost > 0 ? $", ${u.Cost:0.00}" : "")}");

    public static string? Errors(GenerationProgress p) =>
        p.Errors.Count == 0 ? null : "failed by kind: " + string.Join(", ", p.Errors.OrderByDescending(e => e.Value).Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Key} {e.Value:N0}")));

    /// <summary>One log line: every figure, separated by " | ".</summary>
    public static string Line(GenerationProgress p) => string.Join(" | ", new[] { Counts(p), Rate(p), Usage(p), Errors(p) }.Where(s => s is not null));

    public static double Percent(GenerationProgress p) => p.Total == 0 ? 100 : 100.0 * p.Done / p.Total;

    private static string Duration(TimeSpan t) => t.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}h{t.Minutes:00}m")
        : string.Create(CultureInfo.InvariantCulture, $"{t.Minutes}m{t.Seconds:00}s");

    private static string Compact(long n) => n switch
    {
        >= 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{n / 1e6:0.0}M"),
        >= 1_000 => string.Create(CultureInfo.InvariantCulture, $"{n / 1e3:0.0}k"),
        _ => n.ToString(CultureInfo.InvariantCulture),
    };
}
