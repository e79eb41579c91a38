using Parley.Dialogues;
using Parley.Runs;

namespace Parley.Generation;

/// <summary>
/// Opens a planned dialogue with an existing conversation: its turns come first, verbatim, after the environment's
/// agent prompt, and the simulated user then brings up the planned tool-use need. The point of injection is the end
/// of the conversation, after the assistant's last reply: a conversation that ends with an unanswered user turn has no
/// natural point to continue from and is rejected with that reason.
/// </summary>
internal static class ChatAugmenter
{
    /// <summary>The dialogue's start with the chat's turns in front, or a rejected outcome.</summary>
    public static DialogueStart Inject(DialogueStart planned, SourceChat chat, string source, IReadOnlyList<string> matched)
    {
        if (planned.State is not { } state) return planned;
        if (chat.Turns[^1] is not AssistantMessage || chat.Turns[0] is not UserMessage)
        {
            return new DialogueStart(null, new DialogueOutcome(state.Index, state.DialogueId, state.Tasks)
            {
                Problems = [new Problem(new CheckName(CheckKind.Augment), $"the conversation on line {chat.Line} must start with a user turn and end with an assistant turn to be continued")],
            });
        }
        return new DialogueStart(state with
        {
            Messages = [state.Messages[0], .. chat.Turns],
            Augmentation = new Augmentation
            {
                Source = source,
                Line = chat.Line,
                Format = chat.Format,
                OriginalMessages = chat.Turns.Count,
                Matched = matched,
                OriginalSystem = chat.System,
            },
        }, null);
    }
}
