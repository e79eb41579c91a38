using Parley.Dialogues;

namespace Parley.Runs;

/// <summary>What a run was and what it produced: configuration, seed, version, engines, counts and yield.</summary>
public sealed record Manifest
{
    /// <summary>Artifact format version.</summary>
    public int SchemaVersion { get; init; } = 1;

    /// <summary>The Parley version that wrote the run.</summary>
    public required string ParleyVersion { get; init; }

    /// <summary>The run's settings.</summary>
    public required IReadOnlyDictionary<string, string> Config { get; init; }

    /// <summary>The run seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>The engine behind each role.</summary>
    public required IReadOnlyDictionary<string, string> Engines { get; init; }

    /// <summary>The environments used.</summary>
    public required IReadOnlyList<string> Environments { get; init; }

    /// <summary>Dialogues attempted.</summary>
    public required int Attempted { get; init; }

    /// <summary>Dialogues that passed verification.</summary>
    public required int Kept { get; init; }

    /// <summary>Dialogues that failed verification (in <c>rejected.jsonl</c>).</summary>
    public required int Rejected { get; init; }

    /// <summary>Dialogues paused by <c>--pause-after</c> (in <c>states.jsonl</c>).</summary>
    public int Paused { get; init; }

    /// <summary>True when the run was interrupted before every item was written; <c>parley generate --resume</c> finishes it.</summary>
    public bool? Interrupted { get; init; }

    /// <summary>Kept / attempted.</summary>
    public double Yield => Attempted == 0 ? 0 : Math.Round((double)Kept / Attempted, 4);

    /// <summary>
    /// The model behind each LLM role: endpoint, base URL, model, sampling, tool calling, and the prompts' hashes
    /// (never a key); null when every role is rule-based.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Models { get; init; }

    /// <summary>Tokens and cost per role over every written item (kept, rejected or paused) and the environments' design; null without models.</summary>
    public IReadOnlyDictionary<string, TokenUsage>? Usage { get; init; }

    /// <summary>Domains whose design failed, with why; the run went on with the others. Null when none.</summary>
    public IReadOnlyDictionary<string, string>? RejectedDomains { get; init; }

    /// <summary>Rejections counted by failed check.</summary>
    public IReadOnlyDictionary<string, int> RejectionsByCheck { get; init; } = new Dictionary<string, int>();
}
