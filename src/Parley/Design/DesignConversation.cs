using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;
using Parley.Determinism;
using Parley.Llm;

namespace Parley.Design;

/// <summary>
/// One design conversation: every stage's question and reply stay in it, so later stages (tool SQL, result schemas)
/// see the earlier ones and an entity keeps the type it was first given.
/// </summary>
internal sealed class DesignConversation(IChatClient client, LlmRoleSettings settings, string environment, ulong seed)
{
    private readonly List<ChatMessage> _messages = [new(ChatRole.System, PromptLibrary.Get("design-system.md").Text)];
    private int _calls;

    /// <summary>
    /// Sends stage <paramref name="prompt"/> and returns its validated reply (invalid replies are repaired up to the settings'
    /// limit); with <paramref name="schema"/>, that schema is sent (strict) and checked before <paramref name="validate"/>.
    /// </summary>
    /// <exception cref="ParleyException">The reply stayed unusable (invalid JSON, empty, refused, truncated).</exception>
    public async Task<T> AskAsync<T>(string stage, string prompt, IReadOnlyDictionary<string, string> values, JsonTypeInfo<T> type,
        Func<T, string?>? validate, CancellationToken cancellationToken, ReplySchema? schema = null)
    {
        _messages.Add(new ChatMessage(ChatRole.User, PromptLibrary.Get(prompt).Render(values)));
        var options = settings.CreateOptions(StableSeed.Derive(seed, "design:" + stage, _calls++));
        try
        {
            var reply = schema is null
                ? await StructuredOutput.GetAsync(client, _messages, type, options, validate, settings.MaxRepairs, cancellationToken)
                : await StructuredOutput.GetAsync(client, _messages, schema, type, options, validate, settings.MaxRepairs, cancellationToken);
            _messages.Add(new ChatMessage(ChatRole.Assistant, StructuredOutput.StripReasoning(reply.Response.Text).Text));
            return reply.Value;
        }
        catch (LlmException e) when (e.Kind is LlmFailureKind.InvalidJson or LlmFailureKind.Empty or LlmFailureKind.Refusal or LlmFailureKind.Truncated)
        {
            throw ParleyException.InvalidEnvironment($"{environment}: the {stage} stage got no usable reply: {e.Message}");
        }
    }
}
