using System.Globalization;
using System.Text;

namespace Parley.Llm;

/// <summary>
/// An <see cref="LlmConfig"/> as parley.yaml text and back (through <see cref="LlmConfigReader"/>, the one reader), so a
/// run's ledger records the models it was started with and <c>--resume</c> rebuilds them without the flags. Holds the
/// names of key variables and of a secrets file, never a key.
/// </summary>
internal static class LlmConfigText
{
    /// <summary>The configuration as parley.yaml text that <see cref="Read"/> turns back into an equal configuration.</summary>
    public static string Write(LlmConfig config)
    {
        var text = new StringBuilder();
        if (config.CacheDirectory is { } cache) text.Append("cache_dir: ").Append(Quote(Path.GetFullPath(cache))).Append('\n');
        if (config.SecretsFile is { } secrets) text.Append("secrets_file: ").Append(Quote(Path.GetFullPath(secrets))).Append('\n');
        text.Append("tool_mode: ").Append(config.ToolMode == ToolExecutionMode.Simulated ? "simulated" : "sql").Append('\n');
        text.Append("endpoints:").Append(config.Endpoints.Count == 0 ? " {}\n" : "\n");
        foreach (var (name, e) in config.Endpoints.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            text.Append("  ").Append(Quote(name)).Append(":\n");
            Line(text, "provider", e.Provider);
            if (e.BaseUrl is { } url) Line(text, "base_url", Quote(url));
            if (e.ApiKeyEnv is { } env) Line(text, "api_key_env", Quote(env));
            Line(text, "max_concurrency", Number(e.MaxConcurrency));
            if (e.TokensPerMinute is { } tpm) Line(text, "tokens_per_minute", Number(tpm));
            Line(text, "price_per_1m_input", Number(e.Prices.InputPerMillion));
            Line(text, "price_per_1m_output", Number(e.Prices.OutputPerMillion));
            if (e.Prices.CachedInputPerMillion is { } cached) Line(text, "price_per_1m_cached_input", Number(cached));
            Line(text, "timeout_seconds", Number(e.Timeout.TotalSeconds));
            Line(text, "connect_timeout_seconds", Number(e.ConnectTimeout.TotalSeconds));
            Line(text, "call_timeout_seconds", Number(e.CallTimeout.TotalSeconds));
            Line(text, "max_retries", Number(e.MaxRetries));
            Line(text, "max_consecutive_failures", Number(e.MaxConsecutiveFailures));
        }
        text.Append("roles:").Append(config.Roles.Count == 0 ? " {}\n" : "\n");
        foreach (var (role, r) in config.Roles.OrderBy(r => r.Key))
        {
            text.Append("  ").Append(role.ConfigName()).Append(":\n");
            Line(text, "endpoint", Quote(r.Endpoint));
            Line(text, "model", Quote(r.Settings.Model));
            if (r.Settings.Temperature is { } t) Line(text, "temperature", Number(t));
            if (r.Settings.TopP is { } p) Line(text, "top_p", Number(p));
            if (r.Settings.MaxOutputTokens is { } m) Line(text, "max_tokens", Number(m));
            Line(text, "seed", r.Settings.SendSeed ? "true" : "false");
            Line(text, "max_repairs", Number(r.Settings.MaxRepairs));
            if (role == LlmRole.Agent) Line(text, "tool_calling", config.ToolCalling == ToolCallingStyle.Text ? "text" : "native");
        }
        return text.ToString();
    }

    /// <summary>Reads text written by <see cref="Write"/>; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="ParleyException">The text is not a valid configuration.</exception>
    public static LlmConfig Read(string text, string source) => LlmConfigReader.Parse(text, source);

    /// <summary>
    /// The settings that shape a run's output, by key (<c>tool_mode</c>, <c>roles.agent.model</c>, …): which roles have
    /// models, each role's provider, base URL, model, sampling, seed, repairs and prices, the agent's tool calling, the
    /// tool mode, and each role's prompts. Concurrency, timeouts, retries, the cache and keys do not change a byte of output.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Shaping(LlmConfig config)
    {
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["tool_mode"] = config.ToolMode == ToolExecutionMode.Simulated ? "simulated" : "sql",
        };
        foreach (var role in LlmRoles.All)
        {
            var key = "roles." + role.ConfigName();
            if (!config.Roles.TryGetValue(role, out var r))
            {
                values[key] = "rule-based";
                continue;
            }
            var e = config.Endpoints[r.Endpoint];
            values[key] = "model";
            values[key + ".endpoint"] = $"{e.Provider} {e.BaseUrl ?? "(default)"}";
            values[key + ".model"] = r.Settings.Model;
            values[key + ".sampling"] = r.Settings.Describe();
            values[key + ".seed"] = r.Settings.SendSeed ? "sent" : "not sent";
            values[key + ".max_repairs"] = Number(r.Settings.MaxRepairs);
            values[key + ".prices"] = $"{Number(e.Prices.InputPerMillion)}/{Number(e.Prices.OutputPerMillion)}/{(e.Prices.CachedInputPerMillion is { } c ? Number(c) : "-")}";
            values[key + ".prompts"] = role.Prompts();
            if (role == LlmRole.Agent) values[key + ".tool_calling"] = config.ToolCalling == ToolCallingStyle.Text ? "text" : "native";
        }
        return values;
    }

    /// <summary>Where <paramref name="now"/> differs from <paramref name="then"/> in a setting that shapes output, as "key: the run was started with 'X', not 'Y'".</summary>
    public static IReadOnlyList<string> Conflicts(LlmConfig then, LlmConfig now)
    {
        var (a, b) = (Shaping(then), Shaping(now));
        return [.. a.Keys.Union(b.Keys).Order(StringComparer.Ordinal)
            .Where(k => a.GetValueOrDefault(k) != b.GetValueOrDefault(k))
            .Select(k => $"{k}: the run was started with '{a.GetValueOrDefault(k) ?? "(none)"}', not '{b.GetValueOrDefault(k) ?? "(none)"}'")];
    }

    private static void Line(StringBuilder text, string key, string value) => text.Append("    ").Append(key).Append(": ").Append(value).Append('\n');

    private static string Number(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);

    private static string Number(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    // Double-quoted YAML: backslashes and quotes escaped, so any path or URL reads back unchanged.
    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
