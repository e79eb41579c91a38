using Parley.Llm;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Llm;

public sealed class LlmConfigReaderTests
{
    private const string Full = """
        cache_dir: .parley-cache
        tool_mode: sql
        endpoints:
          local:
            provider: openai
            base_url: http://localhost:8000/v1
            api_key_env: VLLM_KEY
            max_concurrency: 32
            tokens_per_minute: 200000
            price_per_1m_input: 0.5
            price_per_1m_output: 1.5
            timeout_seconds: 90
            max_retries: 3
          claude:
            provider: anthropic
        roles:
          environment_designer: rule-based
          task_planner: rule-based
          user_simulator:
            endpoint: local
            model: qwen3-32b
            temperature: 0.8
            top_p: 0.95
            max_tokens: 512
          agent:
            endpoint: claude
            model: claude-sonnet-4-5
            seed: off
            max_repairs: 1
            tool_calling: text
          judge:
            endpoint: local
            model: qwen3-32b
            temperature: 0
        """;

    [Fact]
    public void ReadsEveryKey_WhenTheFileIsValid()
    {
        var config = LlmConfigReader.Parse(Full);

        config.CacheDirectory.Should().Be(".parley-cache");
        var local = config.Endpoints["local"];
        (local.Provider, local.BaseUrl, local.KeyVariable, local.MaxConcurrency, local.TokensPerMinute).Should().Be(("openai", "http://localhost:8000/v1", "VLLM_KEY", 32, 200000L));
        local.Prices.Should().Be(new ModelPrices(0.5m, 1.5m));
        (local.Timeout, local.MaxRetries).Should().Be((TimeSpan.FromSeconds(90), 3));
        config.Endpoints["claude"].KeyVariable.Should().Be("ANTHROPIC_API_KEY");
        config.Roles.Keys.Should().BeEquivalentTo([LlmRole.UserSimulator, LlmRole.Agent, LlmRole.Judge]);
        config.Roles[LlmRole.UserSimulator].Settings.Should().Be(new LlmRoleSettings { Model = "qwen3-32b", Temperature = 0.8f, TopP = 0.95f, MaxOutputTokens = 512 });
        config.Roles[LlmRole.Agent].Should().Be(new RoleConfig("claude", new LlmRoleSettings { Model = "claude-sonnet-4-5", SendSeed = false, MaxRepairs = 1 }));
        config.ToolCalling.Should().Be(ToolCallingStyle.Text);
        config.ToolMode.Should().Be(ToolExecutionMode.Sql);
    }

    [Theory]
    [InlineData("temperature: 0.8", "temperature: hot", "parley.yaml:22: roles.user_simulator.temperature: expected a number, got 'hot'")]
    [InlineData("temperature: 0.8", "temperature: 3", "parley.yaml:22: roles.user_simulator.temperature: expected a number from 0 to 2, got 3")]
    [InlineData("temperature: 0.8", "temprature: 0.8", "parley.yaml:22: roles.user_simulator.temprature: unknown key; expected one of endpoint, model")]
    [InlineData("max_concurrency: 32", "max_concurrency: many", "parley.yaml:8: endpoints.local.max_concurrency: expected an integer, got 'many'")]
    [InlineData("provider: anthropic", "provider: gemini", "parley.yaml:15: endpoints.claude.provider: expected one of openai, ollama, anthropic, got 'gemini'")]
    [InlineData("endpoint: claude", "endpoint: cloud", "parley.yaml:26: roles.agent.endpoint: unknown endpoint 'cloud'; defined: local, claude")]
    [InlineData("seed: off", "seed: maybe", "parley.yaml:28: roles.agent.seed: expected true or false, got 'maybe'")]
    [InlineData("tool_calling: text", "tool_calling: json", "parley.yaml:30: roles.agent.tool_calling: expected one of native, text, got 'json'")]
    [InlineData("  judge:", "  critic:", "parley.yaml:31: roles.critic: unknown key; expected one of environment_designer")]
    [InlineData("task_planner: rule-based", "task_planner: rules", "parley.yaml:18: roles.task_planner: expected one of rule-based, got 'rules'")]
    [InlineData("tool_mode: sql", "tool_mode: simulated", "parley.yaml:2: tool_mode: 'simulated' needs a model for roles.tool_simulator")]
    [InlineData("base_url: http://localhost:8000/v1", "base_url: localhost", "parley.yaml:6: endpoints.local.base_url: expected an http(s) URL such as http://localhost:8000/v1, got 'localhost'")]
    [InlineData("base_url: http://localhost:8000/v1", "base_url: ftp://models.example/v1", "parley.yaml:6: endpoints.local.base_url: expected an http(s) URL such as http://localhost:8000/v1, got 'ftp://models.example/v1'")]
    public void NamesTheFileLineAndKey_WhenAValueIsWrong(string valid, string invalid, string message)
    {
        var act = () => LlmConfigReader.Parse(Full.Replace(valid, invalid, StringComparison.Ordinal));

        act.Should().Throw<ParleyException>().Which.Message.Should().StartWith(message);
    }

    [Fact]
    public void RejectsToolCalling_OutsideTheAgent()
    {
        var act = () => LlmConfigReader.Parse(Full + "\n    tool_calling: native");

        act.Should().Throw<ParleyException>().Which.Message.Should().StartWith("parley.yaml:35: roles.judge.tool_calling: unknown key");
    }

    [Fact]
    public void ReportsTheLine_OfASyntaxError()
    {
        var act = () => LlmConfigReader.Parse("roles:\n  agent: [unclosed\n", "my.yaml");

        act.Should().Throw<ParleyException>().Which.Message.Should().StartWith("my.yaml:");
    }

    [Fact]
    public void IsRuleBased_WhenTheFileIsEmpty()
    {
        LlmConfigReader.Parse("").Roles.Should().BeEmpty();
        LlmConfigReader.Parse("# nothing\n").Roles.Should().BeEmpty();
    }

    [Fact]
    public void ResolvesTheCacheFolder_AgainstTheFilesFolder()
    {
        using var temp = new TempDirectory();
        var path = temp.Write("conf/parley.yaml", "cache_dir: cache\n");

        LlmConfigReader.Load(path).CacheDirectory.Should().Be(Path.Combine(temp.Path, "conf", "cache"));
    }

    [Fact]
    public void LoadsEveryExampleFile()
    {
        var examples = Repository.Path("examples");
        var files = Directory.GetFiles(examples, "*.yaml");

        files.Select(Path.GetFileName).Should().Contain(["openai.yaml", "vllm.yaml", "ollama.yaml", "mixed.yaml"]);
        foreach (var file in files) LlmConfigReader.Load(file).Roles.Should().NotBeEmpty(file);
    }

    [Fact]
    public void GivesTheChosenRolesOneEndpoint_WhenBuiltFromFlags()
    {
        var config = LlmConfig.FromFlags("http://127.0.0.1:8000/v1", "qwen3", [LlmRole.Agent, LlmRole.Judge], "MY_KEY");

        config.Roles.Keys.Should().BeEquivalentTo([LlmRole.Agent, LlmRole.Judge]);
        config.Roles.Values.Should().AllSatisfy(r => (r.Endpoint, r.Settings.Model).Should().Be(("llm", "qwen3")));
        config.Endpoints["llm"].KeyVariable.Should().Be("MY_KEY");
    }
}
