using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Parley.Llm;

/// <summary>How <see cref="LlmSetup.Create"/> builds clients: where keys come from, logging, the clock, and (for tests) the provider.</summary>
public sealed record LlmSetupOptions
{
    /// <summary>Where API keys come from; null reads the configuration's secrets file, then the environment.</summary>
    public SecretStore? Secrets { get; init; }

    /// <summary>Logs model calls when set.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>The clock of backoffs and token budgets.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>First backoff of the retry layer (later ones double).</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Creates the bare provider client of (endpoint, model, key); default <see cref="ChatProviderFactory.Create"/>.</summary>
    public Func<EndpointSettings, string, string?, IChatClient> ProviderFactory { get; init; } = ChatProviderFactory.Create;
}
