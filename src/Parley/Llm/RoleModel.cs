using Microsoft.Extensions.AI;

namespace Parley.Llm;

/// <summary>A role's model: the fully layered client, the settings for each call, and the endpoint's name (for metadata).</summary>
public sealed record RoleModel(IChatClient Client, LlmRoleSettings Settings, string Endpoint)
{
    /// <summary>A one-line description for metadata, e.g. <c>endpoint=local model=qwen3 temperature=0.7</c>.</summary>
    public string Describe() => $"endpoint={Endpoint} {Settings.Describe()}";
}
