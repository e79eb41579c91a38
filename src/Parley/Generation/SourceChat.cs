using Parley.Dialogues;

namespace Parley.Generation;

/// <summary>A conversation read from a chats file, to be continued with a tool-use need.</summary>
/// <param name="Line">Its line in the file (1-based).</param>
/// <param name="Format"><c>openai</c> or <c>sharegpt</c>.</param>
/// <param name="System">Its system prompt, or null.</param>
/// <param name="Turns">Its user and assistant messages, in order, verbatim.</param>
internal sealed record SourceChat(long Line, string Format, string? System, IReadOnlyList<Message> Turns)
{
    /// <summary>All the chat's text, for matching it to an environment.</summary>
    public string Text => string.Join("\n", Turns.Select(t => t.Content));
}
