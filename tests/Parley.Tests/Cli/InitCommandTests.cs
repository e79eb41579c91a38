using Parley.Cli;
using Parley.Llm;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Cli;

[Collection(ConsoleCollection.Name)]
public sealed class InitCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task WritesAConfigThatLoads()
    {
        var path = _temp.Combine("parley.yaml");

        var result = await CliTester.RunAsync("init", path);

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        var config = LlmConfigReader.Load(path);
        config.Roles.Keys.Should().BeEquivalentTo([LlmRole.UserSimulator, LlmRole.Agent]);
        File.ReadAllText(path).Should().Contain("# ").And.Contain("api_key_env");
    }

    [Fact]
    public async Task RefusesToOverwrite_UnlessForced()
    {
        var path = _temp.Write("parley.yaml", "mine\n");

        var refused = await CliTester.RunAsync("init", path);
        File.ReadAllText(path).Should().Be("mine\n");
        var forced = await CliTester.RunAsync("init", path, "--force");

        refused.ExitCode.Should().Be(ExitCodes.Usage);
        refused.Error.Should().Contain("--force");
        forced.ExitCode.Should().Be(ExitCodes.Ok);
        File.ReadAllText(path).Should().Be(LlmConfigTemplate.Text);
    }
}
