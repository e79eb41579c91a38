using System.CommandLine;
using Parley.Quality;

namespace Parley.Cli.Commands;

/// <summary>The threshold and signal options of near-duplicate detection, shared by <c>dedup</c>, <c>filter</c> and <c>export</c>.</summary>
internal sealed class DedupOptions(string prefix)
{
    public Option<double> Threshold { get; } = new($"--{prefix}threshold")
    {
        Description = "Minimum Jaccard similarity of two dialogues to be near-duplicates, in (0, 1].",
        DefaultValueFactory = _ => new DeduplicationOptions().Threshold,
    };

    public Option<string> By { get; } = CreateBy(prefix);

    public IEnumerable<Option> All => [Threshold, By];

    /// <summary>The detection options from the parsed command line (the threshold is validated by the detector).</summary>
    public DeduplicationOptions Read(ParseResult parse) => new()
    {
        Threshold = parse.GetValue(Threshold),
        By = parse.GetValue(By) switch { "tools" => DuplicateSignal.Tools, "both" => DuplicateSignal.Both, _ => DuplicateSignal.User },
    };

    private static Option<string> CreateBy(string prefix)
    {
        var by = new Option<string>($"--{prefix}by")
        {
            Description = "Compare the user's messages (user), the tool-call sequence (tools), or require both.",
            DefaultValueFactory = _ => "user",
        };
        by.AcceptOnlyFromAmong("user", "tools", "both");
        return by;
    }
}
