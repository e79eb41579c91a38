namespace Parley.Evaluation;

/// <summary>
/// An evaluation's <c>results.json</c>: pass^k with 95% bootstrap intervals for every k up to the trials per task,
/// overall and per domain, failed trials by kind, and every task's result.
/// </summary>
public sealed record EvaluationResults
{
    /// <summary>Artifact format version.</summary>
    public int SchemaVersion { get; init; } = 1;

    /// <summary>Tasks evaluated.</summary>
    public required int Tasks { get; init; }

    /// <summary>Trials per task.</summary>
    public required int Trials { get; init; }

    /// <summary>The agent under test (<c>oracle</c>, <c>read-only</c>, <c>llm:&lt;model&gt;</c>).</summary>
    public required string Agent { get; init; }

    /// <summary>The user simulator (<c>agenda</c> or <c>llm:&lt;model&gt;</c>).</summary>
    public required string User { get; init; }

    /// <summary>The evaluation seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Trials that passed, of <see cref="Tasks"/> × <see cref="Trials"/>.</summary>
    public required int TrialsPassed { get; init; }

    /// <summary>pass^k for every k from 1 to <see cref="Trials"/>, keyed by k; non-increasing in k.</summary>
    public required IReadOnlyDictionary<string, PassHatKValue> PassHatK { get; init; }

    /// <summary>The same per domain.</summary>
    public required IReadOnlyDictionary<string, DomainResults> ByDomain { get; init; }

    /// <summary>Failed trials by failure kind (<see cref="FailureKinds"/>).</summary>
    public required IReadOnlyDictionary<string, int> Failures { get; init; }

    /// <summary>What a trial had to pass (<c>end-state</c>, and <c>grounding</c> and <c>judge</c> when on).</summary>
    public string Success { get; init; } = "end-state";

    /// <summary>How the agent reached its tools: <c>direct</c>, or <c>mcp</c> (only through an MCP server).</summary>
    public string AgentTools { get; init; } = "direct";

    /// <summary>Who attributed the failures: <c>rules</c>, or <c>rules+llm:&lt;model&gt;</c> when a judge decided what the rules could not.</summary>
    public string AttributedBy { get; init; } = "rules";

    /// <summary>Why some failed trials are <see cref="FailureKinds.Unattributed"/>; null when none is.</summary>
    public string? Unattributed { get; init; }

    /// <summary>Every task's result.</summary>
    public required IReadOnlyList<TaskResult> PerTask { get; init; }
}
