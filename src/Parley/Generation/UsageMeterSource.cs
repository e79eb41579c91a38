using Parley.Dialogues;
using Parley.Llm;

namespace Parley.Generation;

/// <summary>A run's progress reading the model roles' usage meter.</summary>
internal sealed class UsageMeterSource(UsageMeter meter) : IUsageSource
{
    /// <inheritdoc />
    public TokenUsage Current => meter.Total;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, TokenUsage> ByRole => meter.ByRole;
}
