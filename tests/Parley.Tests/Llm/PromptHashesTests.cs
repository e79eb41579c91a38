using System.Text.RegularExpressions;
using Parley.Dialogues;
using Parley.Llm;
using Parley.Simulation;
using Parley.Tests.TestDoubles;
using Parley.Text;

namespace Parley.Tests.Llm;

/// <summary>Every text a model is sent comes from a prompt file, and every prompt file is in the recorded hashes of a role that sends it.</summary>
public sealed partial class PromptHashesTests
{
    private static readonly LlmRoleSettings Settings = new() { Model = "m" };

    private static IEnumerable<string> EmbeddedPrompts() => EmbeddedResources.Names("Parley.Prompts/").Select(n => n["Parley.Prompts/".Length..]);

    [Fact]
    public void CoversEveryEmbeddedPromptFile_InSomeRolesRecordedPrompts()
    {
        var declared = LlmRoles.All.SelectMany(r => r.PromptFiles()).ToHashSet(StringComparer.Ordinal);

        EmbeddedPrompts().Should().NotBeEmpty().And.OnlyContain(name => declared.Contains(name), "a prompt file no role records would change requests without changing any hash");
        declared.Should().BeSubsetOf(EmbeddedPrompts());
    }

    [Fact]
    public void RecordsTheContentHashOfEachFile_InTheRolesPromptList()
    {
        foreach (var role in LlmRoles.All)
        {
            var recorded = role.Prompts().Split(' ');
            recorded.Should().Equal(role.PromptFiles().Select(f => PromptLibrary.Get(f).Tag), role.ConfigName());
        }
        // The hash is of the text, so an edit to any file changes the tag that carries it.
        PromptLibrary.Get("user-simulator.yaml").Hash.Should().MatchRegex("^[0-9a-f]{12}$");
    }

    [Fact]
    public void LoadsOnlyDeclaredFiles_WhereverTheSourceLoadsAPrompt()
    {
        var declared = LlmRoles.All.SelectMany(r => r.PromptFiles()).ToHashSet(StringComparer.Ordinal);
        var source = Repository.Path("src", "Parley");

        var loaded = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => PromptLoad().Matches(File.ReadAllText(file)).Select(m => m.Groups["name"].Value)).ToList();

        loaded.Should().NotBeEmpty().And.OnlyContain(name => declared.Contains(name));
    }

    [Fact]
    public void RecordsItsFragmentsAndRepairText_InEachDialoguesUserAndToolSimulatorPrompts()
    {
        var user = new LlmUserSimulator(new ScriptedChatClient(), Settings).DescribePrompt(DialogueMode.UserOriented);

        user.Should().Contain(PromptLibrary.Get("user-simulator.yaml").Tag).And.Contain(PromptLibrary.Get("structured-output.yaml").Tag);
        LlmRole.UserSimulator.PromptFiles().Where(f => f != "task-oriented.md").Should().OnlyContain(f => user.Contains(PromptLibrary.Get(f).Tag, StringComparison.Ordinal));
    }

    [Fact]
    public void ThrowsNamingTheFragment_WhenAFragmentFileLacksTheKey()
    {
        var fragments = PromptFragments.Get("user-simulator.yaml");

        var missing = () => fragments["no_such_fragment"];

        missing.Should().Throw<InvalidOperationException>().WithMessage("user-simulator.yaml has no fragment 'no_such_fragment'");
    }

    [GeneratedRegex("""(?:PromptLibrary|PromptFragments)\.Get\("(?<name>[^"]+)"\)""")]
    private static partial Regex PromptLoad();
}
