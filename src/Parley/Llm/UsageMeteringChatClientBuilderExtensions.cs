using Microsoft.Extensions.AI;

namespace Parley.Llm;

/// <summary>Adds <see cref="UsageMeteringChatClient"/> to a pipeline.</summary>
internal static class UsageMeteringChatClientBuilderExtensions
{
    /// <summary>Records usage of calls through this pipeline in <paramref name="meter"/> under <paramref name="role"/>.</summary>
    public static ChatClientBuilder UseUsageMeter(this ChatClientBuilder builder, UsageMeter meter, string role, ModelPrices? prices = null) =>
        builder.Use(inner => new UsageMeteringChatClient(inner, meter, role, prices ?? ModelPrices.Free));
}
