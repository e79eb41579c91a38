using Parley.Dialogues;

namespace Parley.Generation;

/// <summary>
/// Where a run's progress reads tokens and cost so far, including calls of dialogues still in flight. The LLM layer
/// implements it (e.g. a token-accounting chat client layer); the rule-based roles need none.
/// </summary>
/// <remarks>Read from the writer's thread while roles call models on others: implementations must be thread-safe.</remarks>
public interface IUsageSource
{
    /// <summary>The usage so far, summed over every role.</summary>
    TokenUsage Current { get; }

    /// <summary>The usage so far of each role, by its usage key (e.g. <c>environment_designer</c>).</summary>
    IReadOnlyDictionary<string, TokenUsage> ByRole { get; }
}
