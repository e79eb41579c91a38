using System.Text.Json.Serialization;

namespace Parley.Dialogues;

/// <summary>One message of a dialogue in the OpenAI chat format; the <c>role</c> property is the discriminator.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "role")]
[JsonDerivedType(typeof(SystemMessage), "system")]
[JsonDerivedType(typeof(UserMessage), "user")]
[JsonDerivedType(typeof(AssistantMessage), "assistant")]
[JsonDerivedType(typeof(ToolMessage), "tool")]
public abstract record Message
{
    /// <summary>The text of the message; null for an assistant message that only calls tools.</summary>
    [JsonPropertyName("content")]
    public string? Content { get; init; }
}
