using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI.Chat;

namespace Parley.Llm;

/// <summary>
/// Hands the OpenAI adapter each tool already converted to the SDK's <see cref="ChatTool"/>, converted once per
/// declaration: the adapter would otherwise re-serialize every tool's JSON schema on every request, the largest single
/// allocation of an agent's request. Tool choice and parallel calls are set as the adapter would set them.
/// </summary>
internal sealed class OpenAiToolCachingChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    private readonly ConditionalWeakTable<AIFunctionDeclaration, ChatTool> _converted = [];

    /// <inheritdoc />
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default) =>
        base.GetResponseAsync(messages, Preconverted(options), cancellationToken);

    /// <inheritdoc />
    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages,
        ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetStreamingResponseAsync(messages, Preconverted(options), cancellationToken);

    private ChatOptions? Preconverted(ChatOptions? options)
    {
        if (options?.Tools is not { Count: > 0 } tools || !tools.All(t => t is AIFunctionDeclaration)) return options;
        var converted = tools.Select(t => _converted.GetValue((AIFunctionDeclaration)t, static f => f.AsOpenAIChatTool())).ToArray();
        var (factory, parallel, choice) = (options.RawRepresentationFactory, options.AllowMultipleToolCalls, Choice(options.ToolMode));
        var request = options.Clone();
        request.Tools = null;
        request.RawRepresentationFactory = client =>
        {
            var result = factory?.Invoke(client) as ChatCompletionOptions ?? new ChatCompletionOptions();
            foreach (var tool in converted) result.Tools.Add(tool);
            result.AllowParallelToolCalls ??= parallel;
            result.ToolChoice ??= choice;
            return result;
        };
        return request;
    }

    private static ChatToolChoice Choice(ChatToolMode? mode) => mode switch
    {
        NoneChatToolMode => ChatToolChoice.CreateNoneChoice(),
        RequiredChatToolMode { RequiredFunctionName: { } name } => ChatToolChoice.CreateFunctionChoice(name),
        RequiredChatToolMode => ChatToolChoice.CreateRequiredChoice(),
        _ => ChatToolChoice.CreateAutoChoice(),
    };
}
