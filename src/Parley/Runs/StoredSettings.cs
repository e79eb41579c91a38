namespace Parley.Runs;

/// <summary>
/// The one rule for resuming with flags: a setting that shapes output must equal the stored one, and each that differs is
/// reported as <c>--flag: the run was started with 'X', not 'Y'</c>. Used by generation's ledger and evaluation's settings.
/// </summary>
internal static class StoredSettings
{
    /// <summary>The settings of <paramref name="current"/> that differ from <paramref name="stored"/>, one line each.</summary>
    /// <param name="current">The settings of the options given now.</param>
    /// <param name="stored">The settings the folder was started with.</param>
    /// <param name="missing">What a folder that never stored a key ran with (a setting added after it started).</param>
    /// <param name="what">What was started: "run" or "evaluation".</param>
    public static IReadOnlyList<string> Conflicts(
        IReadOnlyDictionary<string, string> current, IReadOnlyDictionary<string, string> stored, Func<string, string> missing, string what) =>
        [.. current
            .Select(kv => (Key: kv.Key, Now: kv.Value, Then: stored.TryGetValue(kv.Key, out var then) ? then : missing(kv.Key)))
            .Where(s => s.Then != s.Now)
            .Select(s => $"{Flag(s.Key)}: the {what} was started with '{s.Then}', not '{s.Now}'")];

    /// <summary>The command-line flag of a stored setting key: <c>n</c> → <c>-n</c>, <c>environment_seed</c> → <c>--env-seed</c>, else <c>--key-with-dashes</c>.</summary>
    public static string Flag(string key) => key switch
    {
        "n" => "-n",
        "environment_seed" => "--env-seed",
        _ => "--" + key.Replace('_', '-'),
    };
}
