using Microsoft.Extensions.AI;
using Parley.Llm;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Llm;

public sealed class LlmSetupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void LeavesRolesRuleBased_WhenTheConfigNamesNoModel()
    {
        using var setup = LlmSetup.Create(LlmConfig.RuleBased);

        setup.IsRuleBased.Should().BeTrue();
        LlmRoles.All.Should().AllSatisfy(r => setup[r].Should().BeNull());
        setup.Describe().Should().Contain("agent: rule-based");
    }

    [Fact]
    public void NamesTheVariable_WhenAKeyIsMissing()
    {
        var config = LlmConfigReader.Parse("""
            endpoints:
              cloud: { provider: openai }
            roles:
              agent: { endpoint: cloud, model: gpt-4.1-mini }
            """);

        var act = () => LlmSetup.Create(config, new LlmSetupOptions { Secrets = new SecretStore(environment: _ => null) });

        act.Should().Throw<ParleyException>().Which.Message.Should().Contain("OPENAI_API_KEY").And.Contain("endpoints.cloud.api_key_env");
    }

    [Fact]
    public async Task SharesOneConcurrencyLimiter_AmongTheRolesOfAnEndpoint()
    {
        var inner = new ScriptedChatClient { Respond = (_, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")) };
        var config = LlmConfig.FromFlags("http://127.0.0.1:1/v1", "m", LlmRoles.All, maxConcurrency: 4);

        using var setup = LlmSetup.Create(config, new LlmSetupOptions { Secrets = new SecretStore(environment: _ => null), ProviderFactory = (_, _, _) => inner });
        await setup.Agent!.Client.GetResponseAsync([new ChatMessage(ChatRole.User, "a")], cancellationToken: Ct);
        await setup.Judge!.Client.GetResponseAsync([new ChatMessage(ChatRole.User, "b")], cancellationToken: Ct);

        setup.Concurrency.Should().ContainSingle().Which.Value.MaxConcurrency.Should().Be(4);
        setup.Usage.ByRole.Keys.Should().BeEquivalentTo(["agent", "judge"]);
        setup.Agent.Describe().Should().Be("endpoint=llm model=m");
    }

    [Fact]
    public void ReadsKeys_FromTheSecretsFileBeforeTheEnvironment()
    {
        using var temp = new TempDirectory();
        var secrets = temp.Write("secrets.yaml", "OPENAI_API_KEY: from-file-123456\n");
        string? seen = null;
        var config = LlmConfigReader.Parse("""
            endpoints:
              cloud: { provider: openai }
            roles:
              agent: { endpoint: cloud, model: m }
            """) with { SecretsFile = secrets };

        using var setup = LlmSetup.Create(config, new LlmSetupOptions
        {
            ProviderFactory = (_, _, key) => { seen = key; return new ScriptedChatClient(); },
        });

        seen.Should().Be("from-file-123456");
    }
}
