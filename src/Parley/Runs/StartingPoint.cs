using Parley.Environments;
using Parley.Simulation;
using Parley.Tasks;

namespace Parley.Runs;

/// <summary>Where a run starts: domains, environments, planned tasks (grouped per dialogue), or saved dialogue states.</summary>
public sealed record StartingPoint
{
    /// <summary>Environments to generate in (from domains, environment files or folders).</summary>
    public IReadOnlyList<EnvironmentSpec> Environments { get; init; } = [];

    /// <summary>Planned tasks, one list per dialogue.</summary>
    public IReadOnlyList<IReadOnlyList<TaskSpec>> TaskGroups { get; init; } = [];

    /// <summary>Saved partial dialogues.</summary>
    public IReadOnlyList<GenerationState> States { get; init; } = [];
}
