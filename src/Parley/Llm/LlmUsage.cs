using Microsoft.Extensions.AI;
using Parley.Dialogues;

namespace Parley.Llm;

/// <summary>Converts the usage an endpoint reports into Parley's <see cref="TokenUsage"/>.</summary>
public static class LlmUsage
{
    /// <summary>One request's usage (counts the endpoint did not report are zero).</summary>
    public static TokenUsage Of(ChatResponse response) => new()
    {
        Requests = 1,
        InputTokens = response.Usage?.InputTokenCount ?? 0,
        CachedInputTokens = response.Usage?.CachedInputTokenCount ?? 0,
        OutputTokens = response.Usage?.OutputTokenCount ?? 0,
    };

}
