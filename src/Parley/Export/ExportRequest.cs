using Parley.Quality;

namespace Parley.Export;

/// <summary>What <c>parley export</c> writes from a run: the format, where, which dialogues and how they are split.</summary>
public sealed record ExportRequest
{
    /// <summary>The JSONL formats, by the name <c>--format</c> takes.</summary>
    public static IReadOnlyDictionary<string, ExportFormat> JsonlFormats { get; } = new Dictionary<string, ExportFormat>(StringComparer.Ordinal)
    {
        ["openai"] = ExportFormat.OpenAi,
        ["sharegpt"] = ExportFormat.ShareGpt,
        ["hermes"] = ExportFormat.Hermes,
    };

    /// <summary>The name of the Parquet format (a Hugging Face dataset folder).</summary>
    public const string Parquet = "parquet";

    /// <summary>Every name <c>--format</c> takes.</summary>
    public static IReadOnlyList<string> Formats { get; } = [.. JsonlFormats.Keys, Parquet];

    /// <summary>One of <see cref="Formats"/>.</summary>
    public required string Format { get; init; }

    /// <summary>The file (a folder for Parquet) to write; null for <c>export-&lt;format&gt;.jsonl</c> (or <c>export-parquet</c>) in the run folder.</summary>
    public string? Out { get; init; }

    /// <summary>Keep the assistant's reasoning.</summary>
    public bool IncludeReasoning { get; init; }

    /// <summary>One sample per assistant message (the conversation up to it).</summary>
    public bool PerTurn { get; init; }

    /// <summary>
    /// One tool call per assistant message: parallel calls become call → result pairs in order
    /// (<see cref="ParallelCallSplitter"/>), for chat templates such as Llama 3.1's that take a single call per message.
    /// </summary>
    public bool SplitParallelCalls { get; init; }

    /// <summary>Share of environments held out to a validation split, in [0, 1).</summary>
    public double ValidationFraction { get; init; }

    /// <summary>Leave out near-duplicates (all but the first of each cluster); null keeps them.</summary>
    public DeduplicationOptions? Deduplicate { get; init; }

    /// <summary>Rules that leave dialogues out, applied in order before deduplication.</summary>
    public IReadOnlyList<DialogueExclusion> Exclusions { get; init; } = [];

    /// <summary>Where the export of <paramref name="run"/> goes: <see cref="Out"/>, else its default in the run folder.</summary>
    public string TargetIn(string run) => Out ?? Path.Combine(run, Format == Parquet ? "export-parquet" : $"export-{Format}.jsonl");

    /// <summary>The problems of this request, each one line naming its option; empty when it is valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Formats.Contains(Format)) problems.Add($"--format: '{Format}' is not one of {string.Join(", ", Formats)}");
        if (ValidationFraction is < 0 or >= 1 || double.IsNaN(ValidationFraction)) problems.Add($"--validation-fraction: {ValidationFraction} is not in [0, 1)");
        return problems;
    }
}
