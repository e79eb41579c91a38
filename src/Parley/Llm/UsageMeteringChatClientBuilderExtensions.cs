using Microsoft.Extensions.AI;

namespace Parley.Llm;

/// <summary>Adds <see cref="UsageMeteringChatClient"/> and <see cref="FailureCountingChatClient"/> to a pipeline.</summary>
internal static class UsageMeteringChatClientBuilderExtensions
{
    /// <summary>Records usage of calls through this pipeline in <paramref name="meter"/> under <paramref name="role"/>.</summary>
    public static ChatClientBuilder UseUsageMeter(this ChatClientBuilder builder, UsageMeter meter, string role, ModelPrices? prices = null) =>
        builder.Use(inner => new UsageMeteringChatClient(inner, meter, role, prices ?? ModelPrices.Free));

    /// <summary>Counts calls through this pipeline that failed after their retries in <paramref name="meter"/>, by kind.</summary>
    public static ChatClientBuilder UseFailureCount(this ChatClientBuilder builder, UsageMeter meter) =>
        builder.Use(inner => new FailureCountingChatClient(inner, meter));
}
