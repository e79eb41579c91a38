using Parley.Environments;
using Parley.Tasks;

namespace Parley.Imports;

/// <summary>What importing a τ² domain produced: the environment (rows included), its tasks, what was left out, and notes on what does not carry over.</summary>
public sealed record Tau2Import
{
    /// <summary>The environment.</summary>
    public required EnvironmentSpec Environment { get; init; }

    /// <summary>The imported tasks, one evaluation task (a dialogue's worth) each.</summary>
    public required IReadOnlyList<TaskSpec> Tasks { get; init; }

    /// <summary>Tasks of the source left out, with the reason.</summary>
    public required IReadOnlyList<SkippedTask> Skipped { get; init; }

    /// <summary>Rows per table.</summary>
    public required IReadOnlyDictionary<string, int> Rows { get; init; }

    /// <summary>Tasks of the source.</summary>
    public required int SourceTasks { get; init; }

    /// <summary>Imported tasks whose τ² success also depends on what the agent says (communicated values, natural-language assertions), which the end-state check does not see.</summary>
    public required IReadOnlyList<string> WordsNotChecked { get; init; }

    /// <summary>Per imported task, its expected actions left out because they fail when replayed (as they do in τ²).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> DroppedActions { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
}
