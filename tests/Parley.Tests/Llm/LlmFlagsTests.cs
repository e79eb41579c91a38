using Parley.Llm;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Llm;

public sealed class LlmFlagsTests
{
    [Fact]
    public void IsRuleBased_WithoutFlags() => new LlmFlags().ToConfig().Roles.Should().BeEmpty();

    [Fact]
    public void RefusesConfigAndLlmTogether()
    {
        var act = () => new LlmFlags { Config = "parley.yaml", BaseUrl = "http://127.0.0.1:8000/v1", Model = "m" }.ToConfig();

        act.Should().Throw<ParleyException>().Which.Message.Should().Contain("either --config or --llm");
    }

    [Fact]
    public void PlaysEveryRoleButTheToolSimulator_WhenNoRolesAreNamed()
    {
        var config = new LlmFlags { BaseUrl = "http://127.0.0.1:8000/v1", Model = "m" }.ToConfig();

        config.Roles.Keys.Should().BeEquivalentTo(LlmRoles.All.Where(r => r != LlmRole.ToolSimulator));
        config.ToolMode.Should().Be(ToolExecutionMode.Sql);
    }

    [Theory]
    [InlineData("tools")]
    [InlineData("all,tools")]
    public void SimulatesToolResults_WhenTheToolsRoleIsNamed(string roles)
    {
        var config = new LlmFlags { BaseUrl = "http://127.0.0.1:8000/v1", Model = "m", Roles = roles }.ToConfig();

        config.Roles.Should().ContainKey(LlmRole.ToolSimulator);
        config.ToolMode.Should().Be(ToolExecutionMode.Simulated);
    }

    [Fact]
    public void UsesTheRunsOwnModels_WhenResumingWithoutModelFlags()
    {
        var started = LlmConfig.FromFlags("http://127.0.0.1:8000/v1", "qwen3", [LlmRole.Judge]);

        var config = new LlmFlags { CacheDirectory = "cache" }.ToConfig(resumed: started);

        config.Should().Be(started with { CacheDirectory = "cache" });
    }

    [Fact]
    public void OverridesTheFilesCacheAndSecrets()
    {
        using var temp = new TempDirectory();
        var path = temp.Write("parley.yaml", "cache_dir: a\nendpoints:\n  e: { provider: ollama }\nroles:\n  judge: { endpoint: e, model: m }\n");

        var config = new LlmFlags { Config = path, CacheDirectory = "elsewhere", Secrets = "s.yaml" }.ToConfig();

        (config.CacheDirectory, config.SecretsFile).Should().Be(("elsewhere", "s.yaml"));
        config.Endpoints["e"].BaseUrl.Should().Be("http://localhost:11434");
    }

    [Theory]
    [InlineData("user,agent", new[] { LlmRole.UserSimulator, LlmRole.Agent })]
    [InlineData("planner, judge ,designer", new[] { LlmRole.TaskPlanner, LlmRole.Judge, LlmRole.EnvironmentDesigner })]
    [InlineData("user_simulator,tools", new[] { LlmRole.UserSimulator, LlmRole.ToolSimulator })]
    public void ParsesRoleNames(string text, LlmRole[] roles) => LlmFlags.ParseRoles(text).Should().Equal(roles);
}
