using Microsoft.Extensions.AI;

namespace Parley.Llm;

/// <summary>Adds <see cref="ErrorClassifyingChatClient"/> to a pipeline.</summary>
internal static class ErrorClassifyingChatClientBuilderExtensions
{
    /// <summary>Classifies provider exceptions from the layers below as <see cref="LlmException"/>s.</summary>
    public static ChatClientBuilder UseErrorClassification(this ChatClientBuilder builder, LlmErrorClassifier classifier) =>
        builder.Use(inner => new ErrorClassifyingChatClient(inner, classifier));
}
