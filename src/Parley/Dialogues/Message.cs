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
    private readonly string _content = "";

    /// <summary>The text of the message; empty (never null) for an assistant message that only calls tools.</summary>
    /// <remarks>
    /// Always a string, and always written: chat templates such as Qwen3's and DeepSeek-V3's fail on an assistant message
    /// without <c>content</c>, and files written before this was so (with the key left out) read back as empty.
    /// </remarks>
    [JsonPropertyName("content")]
    public string Content
    {
        get => _content;
        init
        {
            _content = value ?? "";
            OnContentSet();
        }
    }

    /// <summary>Reads what a message type keeps from its content, once, whenever the content is set (also when loaded or copied with <c>with</c>).</summary>
    private protected virtual void OnContentSet()
    {
    }
}
