using System.Text;
using Microsoft.ML.Tokenizers;
using Parley.Dialogues;

namespace Parley.Statistics;

/// <summary>Counts a dialogue's tokens with the o200k_base encoding (GPT-4o and later OpenAI models).</summary>
/// <remarks>
/// What is counted is the conversation as a trainer sees it, rendered as text by <see cref="Render"/>: every message
/// (system prompt included) as its role on a line and its content, reasoning when there is any, each tool call as its
/// name and JSON arguments, each tool result as its JSON. The <c>tools</c> definitions are left out: they are the same
/// for every dialogue of an environment, so they would only add a constant per domain. The tokenizer is loaded once,
/// on first use, and is immutable and thread-safe afterwards.
/// </remarks>
internal sealed class DialogueTokenCounter
{
    private static readonly Lazy<DialogueTokenCounter> Shared = new(() => new DialogueTokenCounter(TiktokenTokenizer.CreateForEncoding("o200k_base")));
    private readonly Tokenizer _tokenizer;

    private DialogueTokenCounter(Tokenizer tokenizer) => _tokenizer = tokenizer;

    /// <summary>The o200k_base counter, loaded on first use and shared.</summary>
    public static DialogueTokenCounter O200kBase => Shared.Value;

    /// <summary>The tokens of <paramref name="text"/>.</summary>
    public int Count(string text) => _tokenizer.CountTokens(text);

    /// <summary>The tokens of the whole rendered conversation.</summary>
    public int Count(Dialogue dialogue) => Count(Render(dialogue));

    /// <summary>The conversation as plain text, the form whose tokens are counted.</summary>
    public static string Render(Dialogue dialogue)
    {
        var text = new StringBuilder();
        foreach (var message in dialogue.Messages)
        {
            text.Append(message switch { SystemMessage => "system", UserMessage => "user", AssistantMessage => "assistant", _ => "tool" }).Append('\n');
            if (message is AssistantMessage { ReasoningContent: { Length: > 0 } reasoning }) text.Append(reasoning).Append('\n');
            if (!string.IsNullOrEmpty(message.Content)) text.Append(message.Content).Append('\n');
            if (message is AssistantMessage { ToolCalls: { } calls })
            {
                foreach (var call in calls) text.Append("{\"name\":\"").Append(call.Function.Name).Append("\",\"arguments\":").Append(call.Function.Arguments).Append("}\n");
            }
        }
        return text.ToString();
    }
}
