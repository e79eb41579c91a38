using Microsoft.Extensions.AI;

namespace Parley.Llm;

/// <summary>
/// Keeps an endpoint under its tokens-per-minute limit: estimates each request (prompt characters / 4 plus the completion
/// limit), waits for that much budget, then corrects the budget with the usage the endpoint reported.
/// </summary>
internal sealed class TokenRateLimitingChatClient(IChatClient innerClient, TokenBudget budget) : DelegatingChatClient(innerClient)
{
    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var estimate = Estimate(list, options);
        await budget.AcquireAsync(estimate, cancellationToken);
        var response = await base.GetResponseAsync(list, options, cancellationToken);
        if (response.Usage is { } usage && (usage.InputTokenCount ?? 0) + (usage.OutputTokenCount ?? 0) is var used and > 0)
            budget.Correct(used - estimate);
        return response;
    }

    /// <summary>A cheap upper-leaning estimate of a request's tokens; the reported usage corrects it afterwards.</summary>
    public static long Estimate(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        long chars = 0;
        foreach (var message in messages)
        {
            chars += 16;
            foreach (var content in message.Contents)
            {
                chars += content switch
                {
                    TextContent text => text.Text.Length,
                    FunctionCallContent call => call.Name.Length + (call.Arguments?.Sum(a => a.Key.Length + (a.Value?.ToString()?.Length ?? 4)) ?? 0),
                    FunctionResultContent result => result.Result?.ToString()?.Length ?? 0,
                    _ => 0,
                };
            }
        }
        foreach (var tool in options?.Tools ?? [])
            chars += tool.Name.Length + tool.Description.Length + (tool is AIFunctionDeclaration f ? f.JsonSchema.GetRawText().Length : 0);
        return chars / 4 + (options?.MaxOutputTokens ?? 0);
    }
}
