using System.CommandLine;
using Parley.Quality;

namespace Parley.Cli.Commands;

/// <summary>
/// The threshold and signal options of near-duplicate detection, <c>--dedup-threshold</c> and <c>--dedup-by</c> in
/// <c>dedup</c>, <c>filter</c> and <c>export</c> alike (<c>dedup</c> still takes its former <c>--threshold</c> and <c>--by</c>).
/// </summary>
internal sealed class DedupOptions
{
    private static readonly IReadOnlyList<string> Signals = ["user", "tools", "both"];
    private readonly RenamedOption<double>? _threshold;
    private readonly RenamedOption<string>? _by;

    /// <summary>The options; with <paramref name="formerNames"/>, also the hidden <c>--threshold</c> and <c>--by</c>.</summary>
    public DedupOptions(bool formerNames = false)
    {
        if (!formerNames) return;
        _threshold = new RenamedOption<double>(Threshold, "--threshold");
        _by = new RenamedOption<string>(By, "--by");
        _by.Former.OneOf(Signals);
    }

    public Option<double> Threshold { get; } = new("--dedup-threshold")
    {
        Description = "Minimum Jaccard similarity of two dialogues to be near-duplicates, in (0, 1].",
        DefaultValueFactory = _ => new DeduplicationOptions().Threshold,
    };

    public Option<string> By { get; } = new Option<string>("--dedup-by")
    {
        Description = "Compare the user's messages (user), the tool-call sequence (tools), or require both.",
        DefaultValueFactory = _ => "user",
    }.OneOf(Signals);

    public IEnumerable<Option> All => _threshold is null || _by is null ? [Threshold, By] : [Threshold, By, _threshold.Former, _by.Former];

    /// <summary>The signal's name as given.</summary>
    public string Signal(ParseResult parse) => _by?.Value(parse) ?? parse.GetValue(By)!;

    /// <summary>The detection options from the parsed command line (the threshold is validated by the detector).</summary>
    public DeduplicationOptions Read(ParseResult parse) => new()
    {
        Threshold = _threshold?.Value(parse) ?? parse.GetValue(Threshold),
        By = Signal(parse) switch { "tools" => DuplicateSignal.Tools, "both" => DuplicateSignal.Both, _ => DuplicateSignal.User },
    };
}
