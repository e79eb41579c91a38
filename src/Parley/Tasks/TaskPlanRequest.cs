using Parley.Environments;

namespace Parley.Tasks;

/// <summary>What a planner sees: the built environment, how many tasks, and the dialogue's id and seed.</summary>
public sealed record TaskPlanRequest(EnvironmentDatabase Environment, string DialogueId, ulong Seed, int TaskCount);
